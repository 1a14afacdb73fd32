using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminPortal.Api.Tests.Cli;
using AdminPortal.Testing;
using Npgsql;

namespace AdminPortal.Api.Tests.Cluster;

/// <summary>
/// The cluster of deploy/cluster/cluster, started once for a test class: its own PostgreSQL server (so that a test can
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

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "adminportal-cluster-" + Guid.NewGuid().ToString("N")[..12]);
    private Dictionary<string, string> _env = [];

    /// <summary>Whether the run has PostgreSQL (its server binaries, as the other PostgreSQL tests need).</summary>
    public static bool Available => Environment.GetEnvironmentVariable(TestPostgres.Variable) is { Length: > 0 };

    public Uri Gateway { get; private set; } = null!;

    public IReadOnlyList<Uri> Nodes { get; private set; } = [];

    /// <summary>The connection string and hash key the nodes use: for the operators' command line.</summary>
    public IReadOnlyDictionary<string, string> StoreSettings { get; private set; } = new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        var (exit, output, messages) = await ScriptAsync("start");
        Assert.True(exit == 0, $"deploy/cluster/cluster start failed ({exit}):\n{output}\n{messages}");
        _env = File.ReadAllLines(Path.Combine(_folder, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));
        Gateway = new Uri($"http://127.0.0.1:{_env["GATEWAY_PORT"]}/");
        Nodes = [.. Enumerable.Range(1, int.Parse(_env["NODES"], CultureInfo.InvariantCulture)).Select(n => new Uri($"http://127.0.0.1:{_env[$"NODE{n}_PORT"]}/"))];
        var settings = new Dictionary<string, string>(TestSettings)
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = _env["DATABASE"],
            ["Tokens:HashKey"] = _env["HASH_KEY"],
        };
        StoreSettings = settings;
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            await ScriptAsync("stop");
        }
    }

    /// <summary>SIGKILL of node <paramref name="node"/> (1-based), through the script.</summary>
    public Task KillNodeAsync(int node) => RequireAsync("kill-node", node.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts node <paramref name="node"/> again and waits until it answers (nothing when it runs).</summary>
    public Task StartNodeAsync(int node) => RequireAsync("start-node", node.ToString(CultureInfo.InvariantCulture));

    public async Task StopPostgresAsync()
    {
        await RequireAsync("stop-postgres");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the database server again (nothing when it runs); this process's commands then open new connections.</summary>
    public async Task StartPostgresAsync()
    {
        await RequireAsync("start-postgres");
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
        PortalCommand.RunAsync(Path.Combine(_folder, "cli"), StoreSettings, args);

    /// <summary>An operators' command on the cluster's database, run as the portal executable in a process of its own.</summary>
    public Task<(int ExitCode, string Output, string Messages)> CommandProcessAsync(params string[] args) =>
        PortalCommand.RunProcessAsync([], Path.Combine(_folder, "cli"), StoreSettings, args);

    public static HttpClient Client(Uri address, string? secret = null)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(3) };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    private async Task RequireAsync(params string[] args)
    {
        var (exit, output, messages) = await ScriptAsync(args);
        Assert.True(exit == 0, $"deploy/cluster/cluster {string.Join(' ', args)} failed ({exit}):\n{output}\n{messages}");
    }

    /// <summary>
    /// Runs deploy/cluster/cluster with this cluster's folder. Waited for until it ends: its own waits end when what
    /// it started answers or exits.
    /// </summary>
    private async Task<(int ExitCode, string Output, string Messages)> ScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Script()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CLUSTER_FOLDER"] = _folder;
        start.Environment["CLUSTER_PORT"] = "auto";
        start.Environment["CLUSTER_NODE_PORT"] = "auto";
        start.Environment["CLUSTER_ENVIRONMENT"] = "Production";
        start.Environment["ADMINPORTAL_DLL"] = Path.Combine(AppContext.BaseDirectory, "AdminPortal.dll");
        foreach (var (key, value) in TestSettings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("deploy/cluster/cluster did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var messages = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await messages);
    }

    private static string Script()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "deploy", "cluster", "cluster");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("deploy/cluster/cluster not found above the test's folder.");
    }
}
