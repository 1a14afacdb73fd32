using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AdminPortal.Browser.Tests.Components.Pages.Tokens;
using AdminPortal.Testing;

namespace AdminPortal.Browser.Tests.Cluster;

/// <summary>
/// A person on the cluster of deploy/cluster/cluster (three nodes on PostgreSQL, nginx in front, pages sticky to a node by
/// nginx's cookie), through Chromium on nginx's address: a revoke made on the page, whichever node serves it, is refused
/// by every node's API; and when the node serving the page dies, the page comes back on another node, still signed in.
/// Times are recorded in the test output, never asserted.
/// </summary>
public sealed class ClusterBrowserTests(BrowserCluster cluster, Chromium chromium) : IClassFixture<BrowserCluster>
{
    private static readonly Uri Me = new("api/v1/me", UriKind.Relative);

    [Fact]
    public async Task Token_revoked_on_the_page_is_refused_by_every_nodes_api()
    {
        RequireCluster();
        await using var person = await PersonAsync();
        const string Name = "Revoked on the cluster";
        var secret = await person.Tokens.CreateAsync(Name, "tokens:read");
        foreach (var node in cluster.Nodes)
        {
            // Every node has the token's answer in its cache (for an hour: see BrowserCluster).
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(node, secret));
        }

        await person.Tokens.ClickRowActionAsync(Name, "Revoke");
        await person.Tokens.ConfirmAsync("Revoke", Name);
        await person.Tokens.ExpectNotificationAsync($"Revoked '{Name}'.");
        var acknowledged = Stopwatch.StartNew();
        var times = await Task.WhenAll(cluster.Nodes.Select(async node =>
        {
            await UntilRefusedAsync(node, secret);
            return acknowledged.Elapsed;
        }));

        Report($"Revoked on the page served by node {person.CircuitNode()}; the secret was refused by nodes 1-3 " +
            $"{string.Join(", ", times.Select(t => $"{t.TotalMilliseconds:0} ms"))} after the page showed the revoke done.");
    }

    [Fact]
    public async Task Page_whose_node_is_killed_comes_back_on_another_node_still_signed_in()
    {
        RequireCluster();
        await using var person = await PersonAsync();
        var served = person.CircuitNode();
        var before = person.Responses.Count;
        var killed = Stopwatch.StartNew();
        await cluster.KillNodeAsync(served);
        try
        {
            // The circuit's connection breaks; the page reconnects through nginx, which sends it to another node. That node
            // does not know the circuit: the reconnect is rejected and the page reloads there (its sign-in cookie is valid
            // on every node: the key ring is in the database).
            await person.UntilAsync(() => person.Responses.Skip(before).Any(r => r.Circuit && r.Node != served && r.Status == 200),
                $"a new circuit on another node than {served}");
            var reconnected = killed.Elapsed;
            var page = person.Tokens.Page;
            Assert.DoesNotContain("/signin", page.Url, StringComparison.Ordinal);
            await person.Tokens.WaitForListAsync();
            await Assertions.Expect(page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First).ToBeEnabledAsync();

            // The new circuit works: a token created now is listed and its secret works.
            var secret = await person.Tokens.CreateAsync("Made after the failover", "tokens:read");
            await Assertions.Expect(person.Tokens.Row("Made after the failover")).ToBeVisibleAsync();
            Assert.Equal(200, (await person.Tokens.CallApiAsync(secret)).Status);
            Assert.DoesNotContain("/signin", page.Url, StringComparison.Ordinal);

            var after = person.Responses.Skip(before).ToList();
            Report($"Node {served} (served the page) killed; a new circuit on node {person.CircuitNode()} {reconnected.TotalMilliseconds:0} ms later; " +
                $"the page {(after.Any(r => r.Document) ? "reloaded" : "did not reload")}; its loads and circuits after the kill: " +
                string.Join(", ", after.Where(r => r.Document || r.Circuit).Select(r => $"{r.Path} {r.Status} node {r.Node}")));
        }
        finally
        {
            await cluster.StartNodeAsync(served);
        }
    }

    private static void RequireCluster() =>
        Assert.SkipUnless(ClusterScript.Available, "The cluster needs PostgreSQL: run the tests with scripts/with-postgres (scripts/test does).");

    /// <summary>A person signed in as the demo admin on nginx's address, on the tokens page; every answer nginx sent is recorded with its node.</summary>
    private async Task<Person> PersonAsync()
    {
        var context = await chromium.NewContextAsync(cluster.Gateway);
        var page = await context.NewPageAsync();
        var responses = new ConcurrentQueue<Answer>();
        page.Response += (_, response) =>
        {
            if (response.Headers.TryGetValue(ClusterScript.NodeHeader, out var node))
            {
                var path = new Uri(response.Url).AbsolutePath;
                responses.Enqueue(new Answer(path, response.Status, cluster.NodeOf(node),
                    path.StartsWith("/_blazor/negotiate", StringComparison.Ordinal), response.Request.IsNavigationRequest));
            }
        };
        return new Person(await TokensPageDriver.OpenAsync(page, DevelopmentSignIn.Admin), responses);
    }

    private static async Task<HttpStatusCode> StatusAsync(Uri node, string secret)
    {
        using var client = Client(node, secret);
        using var response = await client.GetAsync(Me, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    /// <summary>Polls <paramref name="node"/>'s API with <paramref name="secret"/> until it answers 401.</summary>
    private static async Task UntilRefusedAsync(Uri node, string secret)
    {
        using var client = Client(node, secret);
        var waited = Stopwatch.StartNew();
        var last = "nothing";
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            using var response = await client.GetAsync(Me, TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                return;
            }

            last = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"{node}{Me} answered {last}, not 401, for two minutes after the revoke.");
    }

    private static HttpClient Client(Uri node, string secret)
    {
        var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>An answer through nginx: its path, status, the node that gave it, whether it began a circuit or loaded the page.</summary>
    private sealed record Answer(string Path, int Status, int Node, bool Circuit, bool Document);

    private sealed class Person(TokensPageDriver tokens, ConcurrentQueue<Answer> responses) : IAsyncDisposable
    {
        public TokensPageDriver Tokens => tokens;

        public ConcurrentQueue<Answer> Responses => responses;

        /// <summary>The node of the page's current circuit (the last circuit nginx started for it).</summary>
        public int CircuitNode() => responses.Last(r => r.Circuit && r.Status == 200).Node;

        /// <summary>Polls <paramref name="condition"/> (on the answers recorded) until it holds; fails after <see cref="Patience.CircuitMs"/>.</summary>
        public async Task UntilAsync(Func<bool> condition, string what)
        {
            var waited = Stopwatch.StartNew();
            while (!condition())
            {
                Assert.True(waited.Elapsed.TotalMilliseconds < Patience.CircuitMs,
                    $"No {what}. Answers: {string.Join(", ", responses.Select(r => $"{r.Path} {r.Status} node {r.Node}"))}");
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }
        }

        public ValueTask DisposeAsync() => tokens.DisposeAsync();
    }
}
