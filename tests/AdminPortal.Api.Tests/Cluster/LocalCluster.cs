using System.Net.Http.Headers;
using System.Text.Json;
using AdminPortal.Api.Tests.Cli;
using AdminPortal.Testing;
using Npgsql;

namespace AdminPortal.Api.Tests.Cluster;

/// <summary>
/// The cluster of deploy/cluster/cluster (<see cref="ClusterScript"/>), started once for a test class: its own PostgreSQL server (so that a test can
/// stop and start it without touching the shared test cluster), three portal nodes (this test project's AdminPortal.dll)
/// and nginx in front, on free loopback ports, in a temporary folder; stopped and deleted at the end. Started only when
/// the run has PostgreSQL (<see cref="TestPostgres.Variable"/> is set, as scripts/with-postgres does).
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    /// <summary>The settings every node and command gets on top of the script's, for tests.</summary>
    private static readonly Dictionary<string, string> TestSettings = new()
    {
        // Refused calls with revoked tokens are failures too; the limiter is not what these tests are about.
        ["Api:FailedAuthenticationLimit"] = "1000000",

        // A cached answer lives an hour: a revoked token is refused on another node only because the change reached it.
        ["Tokens:VerificationCacheDuration"] = "01:00:00",
        ["Tokens:MaxUsableTokensPerOwner"] = "1000",

        // The nodes run as in production (Development shows its exception page where production answers 503). Outside
        // Development the portal starts only with an identity provider; the API never contacts it.
        ["Authentication:Oidc:Authority"] = "https://login.example.com",
        ["Authentication:Oidc:ClientId"] = "adminportal",
        ["Authentication:Oidc:ClientSecret"] = "unused",
        ["Authentication:Oidc:FixedTenant"] = "cluster",
        ["Authentication:Oidc:UnmappedUsers"] = "User",
    };

    private readonly ClusterScript _script = new("Production", Path.Combine(AppContext.BaseDirectory, "AdminPortal.dll"), TestSettings);

    /// <summary>Whether the run has PostgreSQL (its server binaries, as the other PostgreSQL tests need).</summary>
    public static bool Available => ClusterScript.Available;

    public Uri Gateway => _script.Gateway;

    public IReadOnlyList<Uri> Nodes => _script.Nodes;

    /// <summary>The connection string and hash key the nodes use: for the operators' command line.</summary>
    public IReadOnlyDictionary<string, string> StoreSettings { get; private set; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        await _script.StartAsync();
        var settings = new Dictionary<string, string>(TestSettings)
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _script.Values["DATABASE"],
            ["Tokens:HashKey"] = _script.Values["HASH_KEY"],
        };
        StoreSettings = settings;
    }

    public async ValueTask DisposeAsync() => await _script.StopAsync();

    /// <summary>SIGKILL of node <paramref name="node"/> (1-based), through the script.</summary>
    public Task KillNodeAsync(int node) => _script.KillNodeAsync(node);

    /// <summary>Starts node <paramref name="node"/> again and waits until it answers (nothing when it runs).</summary>
    public Task StartNodeAsync(int node) => _script.StartNodeAsync(node);

    public async Task StopPostgresAsync()
    {
        await _script.RequireAsync("stop-postgres");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the database server again (nothing when it runs); this process's commands then open new connections.</summary>
    public async Task StartPostgresAsync()
    {
        await _script.RequireAsync("start-postgres");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new token of the tenant's operator, made by the operators' command line (in this process): its id and secret.</summary>
    public async Task<(Guid Id, string Secret)> TokenAsync(string name, params string[] scopes)
    {
        var (exit, secret, messages) = await CommandAsync(["tokens", "create", "--owner", "operator", "--tenant", "cluster", "--name", name,
            .. scopes.SelectMany(scope => new[] { "--scope", scope })]);
        Assert.True(exit == 0, messages);
        secret = secret.Trim();
        using var client = Client(Nodes[0], secret);
        using var me = await client.GetAsync(new Uri("api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var id = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        return (id, secret);
    }

    /// <summary>An operators' command on the cluster's database, run in this process (the entry the executable calls).</summary>
    public Task<(int ExitCode, string Output, string Messages)> CommandAsync(params string[] args) =>
        PortalCommand.RunAsync(Path.Combine(_script.Folder, "cli"), StoreSettings, args);

    /// <summary>An operators' command on the cluster's database, run as the portal executable in a process of its own.</summary>
    public Task<(int ExitCode, string Output, string Messages)> CommandProcessAsync(params string[] args) =>
        PortalCommand.RunProcessAsync([], Path.Combine(_script.Folder, "cli"), StoreSettings, args);

    public static HttpClient Client(Uri address, string? secret = null)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }
}
