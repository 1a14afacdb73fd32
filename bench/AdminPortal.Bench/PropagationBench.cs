using System.Diagnostics;
using System.Globalization;
using AdminPortal.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Bench;

/// <summary>
/// "propagation --connection &lt;PostgreSQL connection string&gt; [--revokes 250] [--workers 2] [--seconds-between 0.05]":
/// three instances of the token domain (A, B, C: each its own services, verification cache, listener and connection pool,
/// as three portal nodes have) on one PostgreSQL database, with their background services running. B and C verify under a
/// steady paced load (each worker: the token about to be revoked, an earlier revoked one and a background token, about
/// once a millisecond). A revokes the tokens one after the other; for each, the time from A's acknowledgement (the revoke
/// call returning) to the end of the first call on B and on C that was refused as revoked. Prints p50, p99 and max per
/// node, and the calls that began more than 1 s after a revoke's acknowledgement and were let through (should be 0).
/// </summary>
internal static class PropagationBench
{
    private static readonly long Second = Stopwatch.Frequency;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var connection = Text(args, "--connection") ?? Environment.GetEnvironmentVariable("ADMINPORTAL_TEST_POSTGRES")
            ?? throw new ArgumentException("--connection <PostgreSQL connection string> (or ADMINPORTAL_TEST_POSTGRES) is required.");
        var revokes = (int)Number(args, "--revokes", 250);
        var workers = (int)Number(args, "--workers", 2);
        var between = TimeSpan.FromSeconds(Number(args, "--seconds-between", 0.05));

        await using var a = await Node.StartAsync("A", connection);
        await using var b = await Node.StartAsync("B", connection);
        await using var c = await Node.StartAsync("C", connection);
        var readers = new[] { b, c };

        await Console.Error.WriteLineAsync($"Creating {revokes} tokens to revoke and 50 background tokens on A...");
        var admin = await a.UserAsync();
        var targets = new List<CreatedToken>();
        var background = new List<CreatedToken>();
        PortalUser? owner = null;
        for (var i = 0; i < revokes + 50; i++)
        {
            if (i % 10 == 0)
            {
                owner = await a.UserAsync();
            }

            var created = await a.Tokens.CreateAsync(owner!.Id, new TokenDraft { Name = $"propagation {i}", Scopes = ["tokens:read"] });
            (i < revokes ? targets : background).Add(created.Succeeded ? created.Value : throw new InvalidOperationException(created.Error.Message));
        }

        var run = new Run(targets.Select(t => t.Secret).ToArray(), background.Select(t => t.Secret).ToArray());
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.StartNew();
        var loads = readers.SelectMany((node, n) => Enumerable.Range(0, workers).Select(w => Task.Run(() => run.WorkAsync(node, n, w, stop.Token)))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));

        await Console.Error.WriteLineAsync($"Revoking {revokes} tokens on A under verify load on B and C ({workers} workers each)...");
        var timedOut = 0;
        var revoking = Stopwatch.StartNew();
        for (var i = 0; i < revokes; i++)
        {
            run.Current = i;
            await Task.Delay(between);
            var result = await a.Tokens.RevokeAsync(admin.Id, targets[i].Token.Id);
            run.Acknowledged[i] = Stopwatch.GetTimestamp();
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Error.Message);
            }

            var deadline = Stopwatch.GetTimestamp() + 5 * Second;
            while (run.FirstRefused[0][i] == 0 || run.FirstRefused[1][i] == 0)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    timedOut++;
                    break;
                }

                await Task.Delay(1);
            }
        }

        revoking.Stop();

        // Keep calling the revoked tokens for a while: any of them let through more than 1 s after its revoke counts.
        run.Current = -1;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(loads);
        started.Stop();

        output.WriteLine(Invariant($"Propagation of {revokes} revokes from A to B and C (3 domain instances on one PostgreSQL database; {workers} verify workers per node, paced ~1 ms; {between.TotalMilliseconds:0} ms before each revoke):"));
        output.WriteLine(Invariant($"Revoking took {revoking.Elapsed.TotalSeconds:0.0} s; verifications per node {run.Calls[0] / started.Elapsed.TotalSeconds:0}/s on average over the load's {started.Elapsed.TotalSeconds:0.0} s."));
        output.WriteLine("| node | p50 | p99 | max | not refused within 5 s | calls let through >1 s after the ack | verifications | rounds that found the cache not trusted |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        for (var n = 0; n < readers.Length; n++)
        {
            var lags = Enumerable.Range(0, revokes).Where(i => run.FirstRefused[n][i] != 0)
                .Select(i => Math.Max(0, run.FirstRefused[n][i] - run.Acknowledged[i]) * 1000.0 / Second).Order().ToArray();
            output.WriteLine(Invariant(
                $"| {readers[n].Name} | {Percentile(lags, 0.50):0.0} ms | {Percentile(lags, 0.99):0.0} ms | {lags.LastOrDefault():0.0} ms | {revokes - lags.Length} | {run.LateLetThrough[n]} | {run.Calls[n]:N0} | {run.Untrusted[n]:N0} of {run.Calls[n] / 3:N0} |"));
        }

        output.WriteLine(Invariant($"Timed out waiting for a refusal: {timedOut}; caches not trusted at the end: {readers.Count(r => !r.Cache.IsTrusted)}."));
        return run.LateLetThrough.Sum() == 0 && timedOut == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string? Text(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static double Number(string[] args, string name, double fallback) =>
        Text(args, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>What the load sees, shared by its workers: per node, when each target was first refused, and late passes.</summary>
    private sealed class Run(string[] targets, string[] background)
    {
        public long[] Acknowledged { get; } = new long[targets.Length];

        public long[][] FirstRefused { get; } = [new long[targets.Length], new long[targets.Length]];

        public long[] LateLetThrough { get; } = new long[2];

        public long[] Calls { get; } = new long[2];

        /// <summary>Rounds of calls that found the node's cache not trusted (so they read the database).</summary>
        public long[] Untrusted { get; } = new long[2];

        public volatile int Current;

        public async Task WorkAsync(Node node, int n, int worker, CancellationToken stop)
        {
            var random = new Random(n * 100 + worker);
            while (!stop.IsCancellationRequested)
            {
                var current = Current;
                if (!node.Cache.IsTrusted)
                {
                    Interlocked.Increment(ref Untrusted[n]);
                }

                if (current >= 0)
                {
                    await CallAsync(node, n, current);
                }

                var done = current < 0 ? targets.Length : current;
                if (done > 0)
                {
                    await CallAsync(node, n, random.Next(done));
                }

                await node.Verifier.VerifyAsync(background[random.Next(background.Length)], "10.0.0.9", CancellationToken.None);
                Interlocked.Add(ref Calls[n], 3);
                await Task.Delay(1, CancellationToken.None);
            }
        }

        private async Task CallAsync(Node node, int n, int target)
        {
            var began = Stopwatch.GetTimestamp();
            var outcome = (await node.Verifier.VerifyAsync(targets[target], "10.0.0.9", CancellationToken.None)).Outcome;
            var ended = Stopwatch.GetTimestamp();
            var acknowledged = Volatile.Read(ref Acknowledged[target]);
            if (outcome == VerifyOutcome.Revoked)
            {
                Interlocked.CompareExchange(ref FirstRefused[n][target], ended, 0);
            }
            else if (outcome == VerifyOutcome.Valid && acknowledged != 0 && began - acknowledged > Second)
            {
                Interlocked.Increment(ref LateLetThrough[n]);
            }
        }
    }

    /// <summary>One instance of the domain on the shared database, with its hosted services (listener, usage writer) started.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly IHostedService[] _hosted;

        private Node(string name, ServiceProvider services)
        {
            Name = name;
            _services = services;
            _hosted = [.. services.GetServices<IHostedService>()];
        }

        public string Name { get; }

        public TokenService Tokens => _services.GetRequiredService<TokenService>();

        public TokenVerifier Verifier => _services.GetRequiredService<TokenVerifier>();

        public VerificationCache Cache => _services.GetRequiredService<VerificationCache>();

        public static async Task<Node> StartAsync(string name, string connection)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = connection,
            }).Build();
            var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging();
            services.AddTokenDomain(Path.GetTempPath());
            var node = new Node(name, services.BuildServiceProvider());
            await TokenDatabase.MigrateAsync(node._services.GetRequiredService<IDbContextFactory<TokenDbContext>>());
            foreach (var hosted in node._hosted)
            {
                await hosted.StartAsync(CancellationToken.None);
            }

            await node._services.GetRequiredService<PostgresChanges>().Listening;
            return node;
        }

        public async Task<PortalUser> UserAsync() =>
            await _services.GetRequiredService<UserService>().SignInAsync(new SignInProfile("bench", "Bench", $"subject-{Guid.NewGuid()}", "Bench User", "bench@bench.example", Role.FullAdmin));

        public async ValueTask DisposeAsync()
        {
            foreach (var hosted in _hosted.Reverse())
            {
                await hosted.StopAsync(CancellationToken.None);
            }

            await _services.DisposeAsync();
        }
    }
}
