using System.Collections.Concurrent;
using System.Data.Common;
using AdminPortal.Testing;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tokens.Tests;

/// <summary>
/// The token domain on a real SQLite file in a temporary folder, or on a database of its own on the test PostgreSQL
/// cluster (<see cref="TestPostgres"/>; when the run asks for it with ADMINPORTAL_TEST_ENGINE=Postgres, or a test names
/// the engine), with a controllable clock and intent methods (<see cref="UserAsync"/>, <see cref="CreateAsync"/>). Every
/// SQL command is recorded in <see cref="Commands"/>.
/// </summary>
public sealed class TokenWorld : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly IDictionary<string, string?>? _settings;
    private readonly bool _ownsFolder;
    private readonly TestPeople _people = new();

    private TokenWorld(ServiceProvider services, string folder, FakeTimeProvider clock, IDictionary<string, string?>? settings, bool ownsFolder, DatabaseProvider engine, string? connectionString)
    {
        _services = services;
        Engine = engine;
        ConnectionString = connectionString;
        Folder = folder;
        Clock = clock;
        _settings = settings;
        _ownsFolder = ownsFolder;
    }

    /// <summary>The engine of worlds whose test names none: PostgreSQL when the run asks for it, SQLite otherwise.</summary>
    public static DatabaseProvider DefaultEngine => TestPostgres.IsSelected ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public DatabaseProvider Engine { get; }

    /// <summary>The PostgreSQL database's connection string (null on SQLite).</summary>
    public string? ConnectionString { get; }

    public FakeTimeProvider Clock { get; }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "adminportal.db");

    public ConcurrentQueue<string> Commands { get; } = new();

    public IServiceProvider Services => _services;

    public TokenService Tokens => _services.GetRequiredService<TokenService>();

    public TokenVerifier Verifier => _services.GetRequiredService<TokenVerifier>();

    public UsageRecorder Usage => _services.GetRequiredService<UsageRecorder>();

    public UserService Users => _services.GetRequiredService<UserService>();

    public static Task<TokenWorld> StartAsync(IDictionary<string, string?>? settings = null) => StartAsync(DefaultEngine, settings);

    public static async Task<TokenWorld> StartAsync(DatabaseProvider engine, IDictionary<string, string?>? settings = null)
    {
        var connectionString = engine == DatabaseProvider.Postgres ? await TestPostgres.CreateMigratedDatabaseAsync() : null;
        return await StartAsync(Directory.CreateTempSubdirectory("adminportal-tests-").FullName, settings, ownsFolder: true, engine, connectionString);
    }

    /// <summary>The domain on the SQLite file already in <paramref name="folder"/> (migrated as a host would at start).</summary>
    public static Task<TokenWorld> OpenSqliteAsync(string folder) => StartAsync(folder, null, ownsFolder: true, DatabaseProvider.Sqlite, null);

    /// <summary>Skips the calling test unless the world is on SQLite (for what only the embedded file has).</summary>
    public void RequireSqlite() => Assert.SkipUnless(Engine == DatabaseProvider.Sqlite, "Only SQLite keeps the store in a file of this process.");

    /// <summary>
    /// A second, independent instance of the domain (its own services, caches and connections) on the same database
    /// file, as another process such as the operators' command line would open it; its clock starts where this one is.
    /// </summary>
    public async Task<TokenWorld> OpenAnotherProcessAsync()
    {
        var other = await StartAsync(Folder, _settings, ownsFolder: false, Engine, ConnectionString);
        other.Clock.SetUtcNow(Clock.GetUtcNow());
        return other;
    }

    private static async Task<TokenWorld> StartAsync(string folder, IDictionary<string, string?>? settings, bool ownsFolder, DatabaseProvider engine, string? connectionString)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:DataDirectory"] = folder,
                ["Database:Provider"] = engine.ToString(),
                ["Database:ConnectionString"] = connectionString,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging();
        var recorder = new CommandRecorder();
        services.AddTokenDomain(folder, options => options.AddInterceptors(recorder));
        var clock = new FakeTimeProvider(Start);
        services.AddSingleton<TimeProvider>(clock);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var world = new TokenWorld(provider, folder, clock, settings, ownsFolder, engine, connectionString);
        recorder.Sink = world.Commands;
        await TokenDatabase.MigrateAsync(provider.GetRequiredService<IDbContextFactory<TokenDbContext>>());
        if (engine == DatabaseProvider.Postgres)
        {
            // What the host would start: this "process" listens for the changes of others.
            var changes = provider.GetRequiredService<PostgresChanges>();
            await changes.StartAsync(CancellationToken.None);
            await changes.Listening.WaitAsync(TestContext.Current.CancellationToken);
        }

        world.Commands.Clear();
        return world;
    }

    public TokenDbContext Db() => _services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContext();

    public Task<PortalUser> UserAsync(Role role = Role.User, string tenant = "tenant-a", string? name = null) =>
        Users.SignInAsync(_people.Next(role, tenant, name));

    /// <summary>The user signs in again, now with <paramref name="role"/> from the identity provider.</summary>
    public Task<PortalUser> ChangeRoleAsync(PortalUser user, Role role) =>
        Users.SignInAsync(new SignInProfile("tenant-a", TestPeople.TenantName("tenant-a"), user.SubjectId, user.DisplayName, user.Email, role));

    public static TokenDraft Draft(string name = "ci deploy", params string[] scopes) => TestPeople.Draft(name, scopes);

    public async Task<CreatedToken> CreateAsync(PortalUser owner, string name = "ci deploy", params string[] scopes) =>
        Ok(await Tokens.CreateAsync(owner.Id, Draft(name, scopes)));

    /// <summary>Every page of <paramref name="query"/> for <paramref name="viewer"/>, each from the previous page's cursor.</summary>
    public async Task<List<TokenView>> WalkAsync(PortalUser viewer, TokenQuery query)
    {
        var tokens = new List<TokenView>();
        for (var page = Ok(await Tokens.QueryAsync(viewer.Id, query)); ; page = Ok(await Tokens.QueryAsync(viewer.Id, query with { After = page.Next })))
        {
            tokens.AddRange(page.Items);
            if (page.Next is null)
            {
                return tokens;
            }
        }
    }

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.Succeeded, $"Expected success but got {result.Error}");
        return result.Value;
    }

    public static TokenError Fails<T>(Result<T> result, TokenErrorCode code)
    {
        Assert.False(result.Succeeded, $"Expected {code} but the operation succeeded");
        Assert.Equal(code, result.Error.Code);
        return result.Error;
    }

    /// <summary>Every byte of the database files (main file and write-ahead log), for "no secret is stored" checks.</summary>
    public string RawDatabaseText() =>
        string.Concat(new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists).Select(ReadShared));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        return reader.ReadToEnd();
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = Db();
        return await db.Audit.OrderBy(a => a.Id).ToListAsync();
    }

    public async Task<ApiToken?> StoredAsync(Guid id)
    {
        await using var db = Db();
        return await db.Tokens.SingleOrDefaultAsync(t => t.Id == id);
    }

    /// <summary>
    /// Completes when a change made by another process has reached this one's cache: at once on SQLite (it is read before
    /// each look-up), when the notification arrives on PostgreSQL. Take it before the change.
    /// </summary>
    public Task NextChangeFromAnotherProcess() =>
        Engine == DatabaseProvider.Postgres ? _services.GetRequiredService<PostgresChanges>().NextChangeHeard : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Engine == DatabaseProvider.Postgres)
        {
            await _services.GetRequiredService<PostgresChanges>().StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsFolder)
        {
            return;
        }

        if (ConnectionString is not null)
        {
            await TestPostgres.ReleaseDatabaseAsync(ConnectionString);
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public ConcurrentQueue<string>? Sink { get; set; }

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            Sink?.Enqueue(result.CommandText);
            return result;
        }
    }
}
