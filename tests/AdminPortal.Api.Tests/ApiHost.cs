using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Testing;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Api.Tests;

/// <summary>
/// The real portal on Kestrel (loopback, a free port) with a real SQLite file in a temporary folder, or a database of
/// its own on the test PostgreSQL cluster (when the run asks for it with ADMINPORTAL_TEST_ENGINE=Postgres: copied from
/// the migrated template of <see cref="TestPostgres"/> and emptied for the next host when this one ends; or a new, empty
/// one that the portal migrates: <see cref="OnPostgresAsync"/>), a controllable
/// clock and captured logs; intent methods create users and tokens through the domain, and every API call goes
/// through HTTP.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("adminportal-api-").FullName;
    private readonly Dictionary<string, string?> _settings;
    private readonly TestPeople _people = new();
    private readonly bool _releaseDatabase;
    private int _counter;

    public ApiHost()
        : this(new Dictionary<string, string?>())
    {
    }

    private ApiHost(IDictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>(settings);
        _settings.TryAdd("Api:FailedAuthenticationLimit", "100000");
        if (!_settings.ContainsKey("Database:Provider") && TestPostgres.IsSelected)
        {
            // Off the caller's synchronization context: the constructor cannot await.
            var connectionString = Task.Run(TestPostgres.CreateMigratedDatabaseAsync).GetAwaiter().GetResult();
            _settings["Database:Provider"] = "Postgres";
            _settings["Database:ConnectionString"] = connectionString;
            PostgresConnection = connectionString;
            _releaseDatabase = true;
        }

        UseKestrel(0);
    }

    /// <summary>The engine of this host's database.</summary>
    public DatabaseProvider Engine => PostgresConnection is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;

    /// <summary>
    /// The settings that point another process (the operators' command line, a second portal) at this host's database:
    /// none on SQLite (the data directory is enough), the provider and connection string on PostgreSQL.
    /// </summary>
    public IReadOnlyDictionary<string, string> StoreSettings => PostgresConnection is null
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = PostgresConnection };

    /// <summary>Skips the calling test when the run puts the API hosts on PostgreSQL (for what only an SQLite file has).</summary>
    public static void RequireSqlite(string what) =>
        Assert.SkipWhen(TestPostgres.IsSelected, $"Only SQLite has {what}; this run puts the portal on PostgreSQL.");

    /// <summary>
    /// Completes when a change made by another process (the command line) has reached the portal's verification cache: at
    /// once on SQLite (the shared change counter is read before each look-up), when the notification arrives on
    /// PostgreSQL. Take it before the change.
    /// </summary>
    public Task NextChangeFromAnotherProcess() =>
        Engine == DatabaseProvider.Postgres
            ? Services.GetRequiredService<PostgresChanges>().NextChangeHeard.WaitAsync(TestContext.Current.CancellationToken)
            : Task.CompletedTask;

    /// <summary>The folder of this host's SQLite file.</summary>
    public string DataDirectory => _dataDirectory;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public LogCapture Logs { get; } = new();

    /// <summary>Every secret handed out in this host, for "never shown again" checks.</summary>
    public List<string> Secrets { get; } = [];

    public TokenService Tokens => Services.GetRequiredService<TokenService>();

    public AdminPortal.Tokens.Audit.AuditLog Audit => Services.GetRequiredService<AdminPortal.Tokens.Audit.AuditLog>();

    public UserService Users => Services.GetRequiredService<UserService>();

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234 (starts the server if needed).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    /// <summary>A host on an SQLite file whatever engine the run asks for (for what is about that file, e.g. its copy to PostgreSQL).</summary>
    public static ApiHost OnSqlite() => WithSettings(("Database:Provider", "Sqlite"));

    public static ApiHost WithSettings(params (string Key, string Value)[] settings) =>
        new(settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    /// <summary>The PostgreSQL database of this host (null on SQLite).</summary>
    public string? PostgresConnection { get; private init; }

    /// <summary>A host on a new, empty database of the test PostgreSQL cluster, which the portal migrates as it starts.</summary>
    public static async Task<ApiHost> OnPostgresAsync(string? connectionString = null, params (string Key, string Value)[] settings)
    {
        connectionString ??= await TestPostgres.CreateEmptyDatabaseAsync();
        var all = settings.ToDictionary(s => s.Key, s => (string?)s.Value);
        all["Database:Provider"] = "Postgres";
        all["Database:ConnectionString"] = connectionString;
        return new ApiHost(all) { PostgresConnection = connectionString };
    }

    public Task<PortalUser> UserAsync(Role role = Role.User, string tenant = "contoso", string? name = null) =>
        Users.SignInAsync(_people.Next(role, tenant, name));

    public async Task<CreatedToken> TokenAsync(PortalUser owner, params string[] scopes) =>
        await TokenAsync(owner, new TokenDraft { Scopes = scopes.Length == 0 ? ["tokens:read"] : scopes });

    public async Task<CreatedToken> TokenAsync(PortalUser owner, TokenDraft draft)
    {
        var named = draft with { Name = draft.Name ?? $"token {Interlocked.Increment(ref _counter)}" };
        var created = await Tokens.CreateAsync(owner.Id, named);
        Assert.True(created.Succeeded, $"Creating a token failed: {created.Error}");
        Secrets.Add(created.Value.Secret);
        return created.Value;
    }

    /// <summary>A client that sends <c>Authorization: &lt;scheme&gt; &lt;secret&gt;</c>, or nothing when the secret is null.</summary>
    public HttpClient Client(string? secret = null, string scheme = "Bearer")
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ServerAddress });
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, secret);
        }

        return client;
    }

    /// <summary>The stored hash of a secret (SHA-256, as no hash key is configured here).</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:DataDirectory", _dataDirectory);

        // Outside Development the portal starts only with an identity provider; the API never contacts it.
        builder.UseSetting("Authentication:Oidc:Authority", "https://login.example.com");
        builder.UseSetting("Authentication:Oidc:ClientId", "adminportal");
        builder.UseSetting("Authentication:Oidc:ClientSecret", "unused");
        builder.UseSetting("Authentication:Oidc:FixedTenant", "acme");
        builder.UseSetting("Authentication:Oidc:UnmappedUsers", "User");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (Engine == DatabaseProvider.Postgres)
        {
            // Changes of other processes are heard from the first test step on, as they are from a running portal.
            host.Services.GetRequiredService<PostgresChanges>().Listening.WaitAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        }

        return host;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_releaseDatabase)
        {
            await TestPostgres.ReleaseDatabaseAsync(PostgresConnection!);
        }
        else if (PostgresConnection is not null)
        {
            await TestPostgres.DropDatabaseAsync(PostgresConnection);
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
