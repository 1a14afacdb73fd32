using System.Diagnostics;
using System.Globalization;
using AdminPortal.Testing;

namespace AdminPortal.Browser.Tests.Cluster;

/// <summary>
/// The cluster of deploy/cluster/cluster for the browser: its own PostgreSQL server, three nodes of the built portal in
/// Development (so the development sign-in and the demo people) and nginx in front, which names the node that answered a
/// page in a response header (CLUSTER_NODE_HEADER=1). Started once for a test class, stopped and deleted at the end; only
/// when the run has PostgreSQL (<see cref="TestPostgres.Variable"/> is set, as scripts/with-postgres does).
/// </summary>
public sealed class BrowserCluster : IAsyncLifetime
{
    /// <summary>The response header nginx names the answering node in (its address, e.g. 127.0.0.1:12345).</summary>
    public const string NodeHeader = "x-adminportal-node";

    private static readonly Dictionary<string, string> TestSettings = new()
    {
        // A cached answer lives an hour: a revoked token is refused on another node only because the change reached it.
        ["Tokens:VerificationCacheDuration"] = "01:00:00",
        ["Api:FailedAuthenticationLimit"] = "1000000",
    };

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "adminportal-browser-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    public static bool Available => Environment.GetEnvironmentVariable(TestPostgres.Variable) is { Length: > 0 };

    public Uri Gateway { get; private set; } = null!;

    public IReadOnlyList<Uri> Nodes { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        await RequireAsync("start");
        var env = File.ReadAllLines(Path.Combine(_folder, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));
        Gateway = new Uri($"http://127.0.0.1:{env["GATEWAY_PORT"]}/");
        Nodes = [.. Enumerable.Range(1, int.Parse(env["NODES"], CultureInfo.InvariantCulture)).Select(n => new Uri($"http://127.0.0.1:{env[$"NODE{n}_PORT"]}/"))];
    }

    public async ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            await ScriptAsync("stop");
        }
    }

    /// <summary>The node (1-based) whose address a <see cref="NodeHeader"/> names; when nginx tried several, the one that answered (the last).</summary>
    public int NodeOf(string header)
    {
        var address = header.Split(',').Last().Trim();
        var index = Nodes.ToList().FindIndex(node => node.Authority == address);
        return index >= 0 ? index + 1 : throw new InvalidOperationException($"'{header}' names no node of the cluster.");
    }

    /// <summary>SIGKILL of node <paramref name="node"/> (1-based), through the script.</summary>
    public Task KillNodeAsync(int node) => RequireAsync("kill-node", node.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts node <paramref name="node"/> again and waits until it answers (nothing when it runs).</summary>
    public Task StartNodeAsync(int node) => RequireAsync("start-node", node.ToString(CultureInfo.InvariantCulture));

    public string Log(int node)
    {
        var path = Path.Combine(_folder, $"node{node}.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private async Task RequireAsync(params string[] args)
    {
        var (exit, output, messages) = await ScriptAsync(args);
        Assert.True(exit == 0, $"deploy/cluster/cluster {string.Join(' ', args)} failed ({exit}):\n{output}\n{messages}");
    }

    /// <summary>Runs deploy/cluster/cluster with this cluster's folder, until it ends (its own waits end when what it started answers or exits).</summary>
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
        start.Environment["CLUSTER_ENVIRONMENT"] = "Development";
        start.Environment["CLUSTER_NODE_HEADER"] = "1";
        start.Environment["ADMINPORTAL_DLL"] = RunningPortal.PortalAssemblyPath();
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
