using System.Diagnostics;
using System.Globalization;

namespace AdminPortal.Api.Tests.Cluster;

/// <summary>
/// The real cluster of deploy/cluster/cluster (PostgreSQL, three portal nodes, nginx), started once for these tests,
/// which run one after another on it: revokes reach every node, a node killed under load or the database server restarted
/// under load does not make the API answer wrongly, and a node started late serves no stale answer. Times are recorded
/// in the test output, never asserted. Each test leaves the cluster whole (every node and the database up).
/// </summary>
public sealed class ClusterTests(LocalCluster cluster) : IClassFixture<LocalCluster>
{
    private static readonly Uri Verify = new("auth/verify", UriKind.Relative);
    private static readonly Uri Me = new("api/v1/me", UriKind.Relative);
    private static readonly Uri Listing = new("api/v1/tokens", UriKind.Relative);
    private static readonly Uri Ready = new("healthz/ready", UriKind.Relative);

    [Fact]
    public async Task Token_revoked_through_one_nodes_api_or_the_command_line_is_refused_on_every_node()
    {
        RequireCluster();
        var writer = await cluster.TokenAsync("cluster writer", "tokens:read", "tokens:write");
        var viaApi = await cluster.TokenAsync("revoked through the api", "tokens:read");
        var viaCommand = await cluster.TokenAsync("revoked by the command line", "tokens:read");
        foreach (var node in cluster.Nodes)
        {
            // Every node has both answers in its cache (for an hour: see LocalCluster).
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(node, viaApi.Secret, Verify));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(node, viaCommand.Secret, Verify));
        }

        using var nodeA = LocalCluster.Client(cluster.Nodes[0], writer.Secret);
        using var revoke = await nodeA.PostAsync(new Uri($"api/v1/tokens/{viaApi.Id}/revoke", UriKind.Relative), null);
        var apiAcknowledged = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var apiTimes = await RefusedOnEveryNodeAsync(viaApi.Secret, apiAcknowledged);

        var (exit, _, messages) = await cluster.CommandProcessAsync("tokens", "revoke", viaCommand.Id.ToString());
        var commandAcknowledged = Stopwatch.StartNew();
        Assert.True(exit == 0, messages);
        var commandTimes = await RefusedOnEveryNodeAsync(viaCommand.Secret, commandAcknowledged);

        Report($"Revoke through node 1's API: first refusal {Times(apiTimes)} after the acknowledgement; " +
            $"through the command line: {Times(commandTimes)} after it exited.");
    }

    [Fact]
    public async Task Api_keeps_answering_through_nginx_while_a_node_is_killed_under_load()
    {
        RequireCluster();
        var token = await cluster.TokenAsync("under load", "tokens:read");
        const int Callers = 4;
        var load = ApiLoad.Start(cluster.Gateway, token.Secret, Me, Callers);
        try
        {
            await load.UntilAsync(() => load.Count(HttpStatusCode.OK) >= 200);
            var killedAt = Stopwatch.GetTimestamp();
            await cluster.KillNodeAsync(2);
            await load.UntilAsync(() => load.Calls.Count(c => c.Started > killedAt && c.Status == HttpStatusCode.OK) >= 300);
            await load.StopAsync();

            var failed = load.Calls.Where(c => c.Status != HttpStatusCode.OK).ToList();
            Report($"{load.Calls.Count} calls through nginx by {Callers} callers, node 2 killed with SIGKILL after " +
                $"{load.Calls.Count(c => c.Started < killedAt)}; {failed.Count} not answered 200 ({Statuses(failed)}).");

            // At most the calls in flight to the killed node may fail: one per caller.
            Assert.True(failed.Count <= Callers, $"{failed.Count} calls failed: {Statuses(failed)}");
        }
        finally
        {
            await load.StopAsync();
            await cluster.StartNodeAsync(2);
        }
    }

    [Fact]
    public async Task Nodes_answer_503_while_postgresql_is_gone_never_let_a_revoked_token_through_and_recover_by_themselves()
    {
        RequireCluster();
        var writer = await cluster.TokenAsync("outage writer", "tokens:read", "tokens:write");
        var valid = await cluster.TokenAsync("outage valid", "tokens:read");
        var revokedBefore = await cluster.TokenAsync("revoked before the outage", "tokens:read");
        var revokedDuring = await cluster.TokenAsync("revoked as the database comes back", "tokens:read");
        foreach (var node in cluster.Nodes)
        {
            foreach (var secret in new[] { valid.Secret, revokedBefore.Secret, revokedDuring.Secret })
            {
                Assert.Equal(HttpStatusCode.OK, await StatusAsync(node, secret, Verify));
            }
        }

        using (var nodeB = LocalCluster.Client(cluster.Nodes[1], writer.Secret))
        using (var revoke = await nodeB.PostAsync(new Uri($"api/v1/tokens/{revokedBefore.Id}/revoke", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        await RefusedOnEveryNodeAsync(revokedBefore.Secret, Stopwatch.StartNew());

        // Under load: API calls through nginx with a valid token, and on every node calls with both revoked tokens.
        var load = ApiLoad.Start(cluster.Gateway, valid.Secret, Me, callers: 2);
        var watchers = cluster.Nodes.Select(node => new[]
        {
            ApiLoad.Start(node, revokedBefore.Secret, Verify, callers: 1),
            ApiLoad.Start(node, revokedDuring.Secret, Verify, callers: 1),
        }).ToList();
        var duringAcknowledged = long.MaxValue;
        var refusedAfter = new double[cluster.Nodes.Count];
        var outage = Stopwatch.StartNew();
        try
        {
            await load.UntilAsync(() => load.Count(HttpStatusCode.OK) >= 100);
            await cluster.StopPostgresAsync();
            outage.Restart();

            // While it is gone: what needs the database answers 503 on every node, and no node says it is ready.
            foreach (var node in cluster.Nodes)
            {
                await UntilStatusAsync(node, writer.Secret, Listing, HttpStatusCode.ServiceUnavailable);
                await UntilStatusAsync(node, null, Ready, HttpStatusCode.ServiceUnavailable);
            }

            var gone = outage.Elapsed;
            await cluster.StartPostgresAsync();

            // Revoked at once, while the nodes are still finding their way back to the server.
            var (exit, _, messages) = await cluster.CommandAsync("tokens", "revoke", revokedDuring.Id.ToString());
            duringAcknowledged = Stopwatch.GetTimestamp();
            Assert.True(exit == 0, messages);

            // Back by themselves: no node was restarted.
            var acknowledged = duringAcknowledged;
            await Task.WhenAll(cluster.Nodes.Select(async (node, i) =>
            {
                await UntilStatusAsync(node, revokedDuring.Secret, Verify, HttpStatusCode.Unauthorized);
                refusedAfter[i] = Stopwatch.GetElapsedTime(acknowledged).TotalMilliseconds;
                await UntilStatusAsync(node, writer.Secret, Listing, HttpStatusCode.OK);
                await UntilStatusAsync(node, null, Ready, HttpStatusCode.OK);
            }));

            await load.UntilAsync(() => load.Calls.Count(c => c.Started > duringAcknowledged && c.Status == HttpStatusCode.OK) >= 100);
            Report($"PostgreSQL stopped for {gone.TotalSeconds:0.0} s (until every node answered 503 and was not ready) and started again; " +
                $"the token revoked right after it came back was refused on the nodes {string.Join(", ", refusedAfter.Select(Ms))} after the revoke.");
        }
        finally
        {
            await load.StopAsync();
            foreach (var watcher in watchers.SelectMany(w => w))
            {
                await watcher.StopAsync();
            }

            await cluster.StartPostgresAsync();
        }

        var lateDuring = watchers.Select(w => w[1].Calls.Where(c => c.Started > duringAcknowledged && c.Status == HttpStatusCode.OK).ToList()).ToList();
        Report($"Through nginx: {load.Calls.Count} calls with a valid token: {Statuses(load.Calls)}. " +
            $"On the nodes, the token revoked before the outage: {Statuses(watchers.SelectMany(w => w[0].Calls))}; " +
            $"the token revoked as the database came back: {Statuses(watchers.SelectMany(w => w[1].Calls))}, of which " +
            $"{lateDuring.Sum(l => l.Count)} calls started after the acknowledgement were let through " +
            $"(the latest {(lateDuring.SelectMany(l => l).Select(c => Stopwatch.GetElapsedTime(duringAcknowledged, c.Started).TotalMilliseconds).DefaultIfEmpty().Max()):0} ms after it).");

        Assert.All(watchers, w => Assert.DoesNotContain(w[0].Calls, c => c.Status == HttpStatusCode.OK));
        // The goal: no call that began more than a second after the acknowledgement is let through on any node (a node
        // answers from its cache only while it can tell it heard every change: see PostgresChanges).
        var oneSecondAfter = duringAcknowledged + Stopwatch.Frequency;
        Assert.All(watchers, w => Assert.DoesNotContain(w[1].Calls, c => c.Started > oneSecondAfter && c.Status == HttpStatusCode.OK));
        Assert.All(watchers, w =>
        {
            // Once a node has refused the token, it never lets it through again.
            var firstRefusal = w[1].Calls.Where(c => c.Status == HttpStatusCode.Unauthorized).Select(c => c.Started).DefaultIfEmpty(long.MaxValue).Min();
            Assert.DoesNotContain(w[1].Calls, c => c.Started > firstRefusal && c.Status == HttpStatusCode.OK);
        });
        Assert.All(load.Calls, c => Assert.True(c.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"A call answered {c.Describe()}."));
    }

    [Fact]
    public async Task Node_started_after_changes_serves_no_stale_answer()
    {
        RequireCluster();
        var writer = await cluster.TokenAsync("late node writer", "tokens:read", "tokens:write");
        var revoked = await cluster.TokenAsync("revoked while node 3 was down", "tokens:read");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(cluster.Nodes[2], revoked.Secret, Verify));

        (Guid Id, string Secret) created;
        await cluster.KillNodeAsync(3);
        try
        {
            using (var gateway = LocalCluster.Client(cluster.Gateway, writer.Secret))
            using (var revoke = await gateway.PostAsync(new Uri($"api/v1/tokens/{revoked.Id}/revoke", UriKind.Relative), null))
            {
                Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
            }

            created = await cluster.TokenAsync("created while node 3 was down", "tokens:read");
        }
        finally
        {
            await cluster.StartNodeAsync(3);
        }

        // The first answers of the new process.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(cluster.Nodes[2], revoked.Secret, Verify));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(cluster.Nodes[2], created.Secret, Verify));
    }

    private static void RequireCluster() =>
        Assert.SkipUnless(LocalCluster.Available, "The cluster needs PostgreSQL: run the tests with scripts/with-postgres (scripts/test does).");

    private static async Task<HttpStatusCode> StatusAsync(Uri node, string? secret, Uri path)
    {
        using var client = LocalCluster.Client(node, secret);
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>
    /// Polls <paramref name="path"/> on <paramref name="node"/> until it answers <paramref name="expected"/>. Fails after two
    /// minutes: cached answers live an hour here, so a change that has not arrived by then never will.
    /// </summary>
    private static async Task UntilStatusAsync(Uri node, string? secret, Uri path, HttpStatusCode expected)
    {
        using var client = LocalCluster.Client(node, secret);
        client.Timeout = TimeSpan.FromSeconds(30);
        var waited = Stopwatch.StartNew();
        var last = "nothing";
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
                if (response.StatusCode == expected)
                {
                    return;
                }

                last = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.GetType().Name;
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"{node}{path} answered {last}, not {(int)expected}, for two minutes.");
    }

    /// <summary>Polls every node until it refuses <paramref name="secret"/>; returns how long after <paramref name="since"/> each did.</summary>
    private async Task<TimeSpan[]> RefusedOnEveryNodeAsync(string secret, Stopwatch since) =>
        await Task.WhenAll(cluster.Nodes.Select(async node =>
        {
            await UntilStatusAsync(node, secret, Verify, HttpStatusCode.Unauthorized);
            return since.Elapsed;
        }));

    private static string Times(IEnumerable<TimeSpan> times) => string.Join(", ", times.Select(t => Ms(t.TotalMilliseconds))) + " (nodes 1-3)";

    private static string Ms(double milliseconds) => $"{milliseconds:0} ms";

    private static string Statuses(IEnumerable<ApiLoad.Call> calls) =>
        string.Join(", ", calls.GroupBy(c => c.Describe()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} x {g.Key}"));

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
