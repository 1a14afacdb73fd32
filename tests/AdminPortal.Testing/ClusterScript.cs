using System.Diagnostics;
using System.Globalization;

namespace AdminPortal.Testing;

/// <summary>
/// The cluster of deploy/cluster/cluster, driven by its script for tests: its own PostgreSQL server, the script's portal
/// nodes (a built AdminPortal.dll) and nginx in front, on free loopback ports, in a temporary folder that
/// <see cref="StopAsync"/> deletes. Every command is waited for until the script ends: its own waits end when what it
/// started answers or exits.
/// </summary>
/// <param name="environment">The nodes' ASPNETCORE_ENVIRONMENT (Development: the development sign-in and the demo data).</param>
/// <param name="portalAssembly">The AdminPortal.dll the nodes run.</param>
/// <param name="settings">Portal settings ("Section:Key" = value) every node and command gets on top of the script's.</param>
/// <param name="nodeHeader">Whether nginx names the node that answered a page in <see cref="NodeHeader"/> (CLUSTER_NODE_HEADER=1).</param>
public sealed class ClusterScript(string environment, string portalAssembly, IReadOnlyDictionary<string, string> settings, bool nodeHeader = false)
{
    /// <summary>The response header nginx names the answering node in, with <c>nodeHeader</c> (its address, e.g. 127.0.0.1:12345).</summary>
    public const string NodeHeader = "x-adminportal-node";

    /// <summary>Where the cluster lives (its PostgreSQL data, the nodes' logs, cluster.env).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "adminportal-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Whether the run has PostgreSQL (its server binaries, as the other PostgreSQL tests need).</summary>
    public static bool Available => Environment.GetEnvironmentVariable(TestPostgres.Variable) is { Length: > 0 };

    /// <summary>nginx's address.</summary>
    public Uri Gateway { get; private set; } = null!;

    /// <summary>The nodes' own addresses, node 1 first.</summary>
    public IReadOnlyList<Uri> Nodes { get; private set; } = [];

    /// <summary>What the script wrote to cluster.env (DATABASE, HASH_KEY, the ports...).</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    /// <summary>Starts the cluster; throws with the script's output when it could not.</summary>
    public async Task StartAsync()
    {
        await RequireAsync("start");
        Values = File.ReadAllLines(Path.Combine(Folder, "cluster.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));
        Gateway = new Uri($"http://127.0.0.1:{Values["GATEWAY_PORT"]}/");
        Nodes = [.. Enumerable.Range(1, int.Parse(Values["NODES"], CultureInfo.InvariantCulture)).Select(n => new Uri($"http://127.0.0.1:{Values[$"NODE{n}_PORT"]}/"))];
    }

    /// <summary>Stops everything and deletes the folder (nothing when it never started).</summary>
    public async Task StopAsync()
    {
        if (Directory.Exists(Folder))
        {
            await RunAsync("stop");
        }
    }

    /// <summary>SIGKILL of node <paramref name="node"/> (1-based).</summary>
    public Task KillNodeAsync(int node) => RequireAsync("kill-node", node.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts node <paramref name="node"/> again and waits until it answers (nothing when it runs).</summary>
    public Task StartNodeAsync(int node) => RequireAsync("start-node", node.ToString(CultureInfo.InvariantCulture));

    /// <summary>The node (1-based) a <see cref="NodeHeader"/> names; when nginx tried several, the one that answered (the last).</summary>
    public int NodeOf(string header)
    {
        var address = header.Split(',')[^1].Trim();
        var index = Nodes.ToList().FindIndex(node => node.Authority == address);
        return index >= 0 ? index + 1 : throw new InvalidOperationException($"'{header}' names no node of the cluster.");
    }

    /// <summary>Runs the script with <paramref name="args"/>; throws with its output when it fails.</summary>
    public async Task RequireAsync(params string[] args)
    {
        var (exit, output, messages) = await RunAsync(args);
        if (exit != 0)
        {
            throw new InvalidOperationException($"deploy/cluster/cluster {string.Join(' ', args)} failed ({exit}):\n{output}\n{messages}");
        }
    }

    /// <summary>Runs the script with <paramref name="args"/> on this cluster's folder: its exit code, output and messages.</summary>
    public async Task<(int ExitCode, string Output, string Messages)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Script()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["CLUSTER_FOLDER"] = Folder;
        start.Environment["CLUSTER_PORT"] = "auto";
        start.Environment["CLUSTER_NODE_PORT"] = "auto";
        start.Environment["CLUSTER_ENVIRONMENT"] = environment;
        start.Environment["CLUSTER_NODE_HEADER"] = nodeHeader ? "1" : "";
        start.Environment["ADMINPORTAL_DLL"] = portalAssembly;
        foreach (var (key, value) in settings)
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
