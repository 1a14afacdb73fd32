using AdminPortal.Testing;

namespace AdminPortal.Browser.Tests.Cluster;

/// <summary>
/// The cluster of deploy/cluster/cluster for the browser (<see cref="ClusterScript"/>): three nodes of the built portal in
/// Development (so the development sign-in and the demo people) and nginx in front, which names the node that answered a
/// page in a response header. Started once for a test class, stopped and deleted at the end; only when the run has
/// PostgreSQL (<see cref="ClusterScript.Available"/>).
/// </summary>
public sealed class BrowserCluster : IAsyncLifetime
{
    private readonly ClusterScript _script = new("Development", RunningPortal.PortalAssemblyPath(), new Dictionary<string, string>
    {
        // A cached answer lives an hour: a revoked token is refused on another node only because the change reached it.
        ["Tokens:VerificationCacheDuration"] = "01:00:00",
        ["Api:FailedAuthenticationLimit"] = "1000000",
    }, nodeHeader: true);

    public Uri Gateway => _script.Gateway;

    public IReadOnlyList<Uri> Nodes => _script.Nodes;

    public async ValueTask InitializeAsync()
    {
        if (ClusterScript.Available)
        {
            await _script.StartAsync();
        }
    }

    public async ValueTask DisposeAsync() => await _script.StopAsync();

    /// <summary>The node (1-based) a <see cref="ClusterScript.NodeHeader"/> names.</summary>
    public int NodeOf(string header) => _script.NodeOf(header);

    /// <summary>SIGKILL of node <paramref name="node"/> (1-based), through the script.</summary>
    public Task KillNodeAsync(int node) => _script.KillNodeAsync(node);

    /// <summary>Starts node <paramref name="node"/> again and waits until it answers (nothing when it runs).</summary>
    public Task StartNodeAsync(int node) => _script.StartNodeAsync(node);
}
