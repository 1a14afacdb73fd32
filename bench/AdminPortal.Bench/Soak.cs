using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AdminPortal.Bench;

/// <summary>
/// "soak --portal AdminPortal.dll [--seconds 300] [--rate 1000] [--tokens 200] [--screenshots dir]": the real portal process
/// (Development, a fresh SQLite file) under a steady rate of API calls from many tokens, while a Chromium session creates,
/// edits, rolls and deletes tokens through the pages and, beside it, the token service of another process (as the
/// operators' command line would) revokes, rolls and replaces tokens that are in use. Reports the requests served,
/// the answers that were wrong (a 200 after a revoke was acknowledged, a 401 for a token never revoked, any 5xx),
/// latency measured from each call's intended start (so a stall counts against every call it delays), the portal's
/// resident memory over time, and the SQL commands the portal ran, from its own log.
/// </summary>
internal static class Soak
{
    private const int Owners = 40;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var portalDll = Option(args, "--portal") ?? throw new ArgumentException("soak needs --portal <AdminPortal.dll>");
        var duration = TimeSpan.FromSeconds(int.Parse(Option(args, "--seconds") ?? "300", CultureInfo.InvariantCulture));
        var rate = int.Parse(Option(args, "--rate") ?? "1000", CultureInfo.InvariantCulture);
        var tokenCount = int.Parse(Option(args, "--tokens") ?? "200", CultureInfo.InvariantCulture);
        var screenshots = Option(args, "--screenshots");
        var floodRate = int.Parse(Option(args, "--flood-rate") ?? "500", CultureInfo.InvariantCulture);

        var data = Directory.CreateTempSubdirectory("adminportal-soak-").FullName;
        var portal = PortalProcess.Start(portalDll, data);
        try
        {
            await portal.WaitUntilLiveAsync();
            await using var domain = await BenchDomain.StartAsync(TimeProvider.System, data);
            var pool = await TokenPool.CreateAsync(domain, tokenCount);
            await Console.Error.WriteLineAsync($"Soak: {duration.TotalSeconds:0} s at {rate} calls/s over {tokenCount} tokens; portal at {portal.Address}");

            var memory = new List<(double Seconds, long Kilobytes)>();
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(duration);
            // The second half of the run adds a flood of malformed Authorization headers.
            var floodFrom = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * duration.TotalSeconds / 2);
            var calls = new CallLoad(portal.Address, pool, rate, Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30, floodFrom);
            var flood = new Flood(portal.Address, pool, floodRate, floodFrom);
            var churn = new Churn(domain, pool);
            var browser = new BrowserSession(portal.Address, screenshots);
            var sampler = SampleMemoryAsync(portal.Id, clock, memory, stop.Token);
            await Task.WhenAll(calls.RunAsync(stop.Token), flood.RunAsync(stop.Token), churn.RunAsync(stop.Token), browser.RunAsync(stop.Token), sampler);

            var integrity = await IntegrityAsync(domain);
            await portal.StopAsync();
            Report(output, duration, rate, tokenCount, calls, churn, browser, memory, portal.Commands(), integrity);
            output.WriteLine();
            output.WriteLine(Invariant($"Second half: {flood.Sent:N0} calls with malformed Authorization headers at {floodRate}/s on top: {flood.ClientErrors:N0} answered 4xx, {flood.ServerErrors} answered 5xx, {flood.Failures} failed to connect."));
            output.WriteLine("| valid calls | p50 ms | p99 ms |");
            output.WriteLine("|---|---|---|");
            foreach (var (phase, during) in new[] { ("first half after the first 30 s, no flood", false), ("second half, during the flood", true) })
            {
                var phaseLatencies = calls.LatenciesMs(during);
                output.WriteLine(phaseLatencies.Count == 0
                    ? $"| {phase} | (none: the run is too short) | |"
                    : Invariant($"| {phase} | {Pacing.Percentile(phaseLatencies, 0.50):0.00} | {Pacing.Percentile(phaseLatencies, 0.99):0.00} |"));
            }

            return calls.WrongAnswers == 0 && flood.ServerErrors == 0 && integrity == "ok" ? 0 : 1;
        }
        finally
        {
            await portal.DisposeAsync();
        }
    }

    private static void Report(TextWriter output, TimeSpan duration, int rate, int tokens, CallLoad calls, Churn churn, BrowserSession browser,
        List<(double Seconds, long Kilobytes)> memory, (int Reads, int Writes, int UsageWrites) commands, string integrity)
    {
        var latencies = calls.LatenciesMs();
        var settled = memory.Where(m => m.Seconds >= 30).ToList();
        string Mb(long kb) => (kb / 1024.0).ToString("0", CultureInfo.InvariantCulture);
        output.WriteLine($"Soak: {duration.TotalMinutes:0.#} minutes, target {rate} API calls/s over {tokens} tokens; integrity_check: {integrity}");
        output.WriteLine();
        output.WriteLine("| API calls | 200 | expected 401 (revoked or rolled) | wrong answers | of which served after the revoke was acknowledged | p50 ms | p99 ms | max ms |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        output.WriteLine(Invariant($"| {calls.Total:N0} | {calls.Ok:N0} | {calls.ExpectedRefusals:N0} | {calls.WrongAnswers} | {calls.ServedAfterRevoke} | {Pacing.Percentile(latencies, 0.50):0.00} | {Pacing.Percentile(latencies, 0.99):0.00} | {latencies.LastOrDefault():0.0} |"));
        output.WriteLine();
        output.WriteLine("| portal memory (RSS) | after 30 s | at the end | highest | trend after 30 s |");
        output.WriteLine("|---|---|---|---|---|");
        output.WriteLine(Invariant($"| MB | {Mb(settled.FirstOrDefault().Kilobytes)} | {Mb(memory.LastOrDefault().Kilobytes)} | {Mb(memory.Select(m => m.Kilobytes).DefaultIfEmpty().Max())} | {Slope(settled) / 1024:+0.0;-0.0} MB per minute |"));
        output.WriteLine();
        output.WriteLine("| SQL run by the portal | reads | writes | of which usage (last-used) updates |");
        output.WriteLine("|---|---|---|---|");
        output.WriteLine(Invariant($"| commands | {commands.Reads:N0} | {commands.Writes:N0} | {commands.UsageWrites:N0} |"));
        output.WriteLine();
        output.WriteLine(Invariant($"Meanwhile: another process revoked {churn.Revoked}, rolled {churn.Rolled} and created {churn.Created} tokens; the browser session completed {browser.Cycles} create-edit-roll-delete cycles ({browser.Failures} failed)."));
        foreach (var wrong in calls.WrongSamples())
        {
            output.WriteLine($"wrong answer: {wrong}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Least-squares slope of kilobytes over minutes.</summary>
    private static double Slope(List<(double Seconds, long Kilobytes)> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanX = samples.Average(s => s.Seconds / 60);
        var meanY = samples.Average(s => (double)s.Kilobytes);
        var numerator = samples.Sum(s => (s.Seconds / 60 - meanX) * (s.Kilobytes - meanY));
        var denominator = samples.Sum(s => Math.Pow(s.Seconds / 60 - meanX, 2));
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private static async Task SampleMemoryAsync(int pid, Stopwatch clock, List<(double, long)> samples, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var line = (await File.ReadAllLinesAsync($"/proc/{pid}/status", CancellationToken.None)).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null)
            {
                samples.Add((clock.Elapsed.TotalSeconds, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)));
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static async Task<string> IntegrityAsync(BenchDomain domain)
    {
        await using var db = await domain.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContextAsync();
        return string.Join(";", await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync());
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    /// <summary>A secret in use; the instants (Stopwatch ticks) at which its revoke was asked for and acknowledged.</summary>
    private sealed class Secret(string value, Guid tokenId, Guid ownerId)
    {
        public string Value { get; } = value;

        public Guid TokenId { get; } = tokenId;

        public Guid OwnerId { get; } = ownerId;

        public long RevokeAsked = long.MaxValue;

        public long RevokeAcknowledged = long.MaxValue;
    }

    /// <summary>The secrets the load uses: active ones, and revoked or rolled ones (one call in 20 uses one of those).</summary>
    private sealed class TokenPool
    {
        private readonly Lock _gate = new();
        private Secret[] _active = [];
        private Secret[] _retired = [];

        public static async Task<TokenPool> CreateAsync(BenchDomain domain, int count)
        {
            var pool = new TokenPool();
            var owners = new List<PortalUser>();
            for (var i = 0; i < Owners; i++)
            {
                owners.Add(await domain.UserAsync(Role.User, $"Soak owner {i}"));
            }

            for (var i = 0; i < count; i++)
            {
                var owner = owners[i % owners.Count];
                var created = await domain.TokenAsync(owner, $"soak {i}");
                pool.Add(new Secret(created.Secret, created.Token.Id, owner.Id));
            }

            return pool;
        }

        public Secret Pick(Random random)
        {
            var retired = _retired;
            var active = _active;
            return retired.Length > 0 && random.Next(20) == 0 ? retired[random.Next(retired.Length)] : active[random.Next(active.Length)];
        }

        public Secret PickActive(Random random)
        {
            var active = _active;
            return active[random.Next(active.Length)];
        }

        public void Add(Secret secret)
        {
            lock (_gate)
            {
                _active = [.. _active, secret];
            }
        }

        public void Retire(Secret secret)
        {
            lock (_gate)
            {
                _active = [.. _active.Where(s => s != secret)];
                _retired = [.. _retired, secret];
            }
        }
    }

    /// <summary>Calls GET /api/v1/me at a steady rate from 32 workers, each on its own schedule.</summary>
    private sealed class CallLoad(Uri address, TokenPool pool, int rate, long warmedUpFrom, long floodFrom)
    {
        private const int Workers = 32;
        private readonly ConcurrentBag<double[]> _warmUpLatencies = [];
        private readonly ConcurrentBag<double[]> _latencies = [];
        private readonly ConcurrentBag<double[]> _floodLatencies = [];
        private readonly ConcurrentQueue<string> _wrong = new();
        private long _total;
        private long _ok;
        private long _expectedRefusals;
        private long _wrongAnswers;
        private long _servedAfterRevoke;

        public long Total => _total;

        public long Ok => _ok;

        public long ExpectedRefusals => _expectedRefusals;

        public long WrongAnswers => _wrongAnswers;

        public long ServedAfterRevoke => _servedAfterRevoke;

        public List<double> LatenciesMs() => Sorted(_warmUpLatencies.Concat(_latencies).Concat(_floodLatencies));

        /// <summary>Latencies of the calls begun after the first 30 s and before the flood (false), or during it (true).</summary>
        public List<double> LatenciesMs(bool duringFlood) => Sorted(duringFlood ? _floodLatencies : _latencies);

        private static List<double> Sorted(IEnumerable<double[]> lists)
        {
            var all = lists.SelectMany(l => l).ToList();
            all.Sort();
            return all;
        }

        public IEnumerable<string> WrongSamples() => _wrong.Take(20);

        public async Task RunAsync(CancellationToken stop)
        {
            using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan }) { BaseAddress = address };
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(client, w, stop), CancellationToken.None)));
        }

        private async Task WorkAsync(HttpClient client, int worker, CancellationToken stop)
        {
            var random = new Random(worker);
            var latencies = new List<double>();
            var floodLatencies = new List<double>();
            var warmUpLatencies = new List<double>();
            var interval = Stopwatch.Frequency * Workers / (double)rate;
            var next = Stopwatch.GetTimestamp() + interval * worker / Workers;
            while (await Pacing.WaitUntilAsync(next, stop))
            {

                var secret = pool.Pick(random);
                var sent = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret.Value);
                HttpStatusCode status;
                try
                {
                    using var response = await client.SendAsync(request, CancellationToken.None);
                    status = response.StatusCode;
                }
                catch (HttpRequestException ex)
                {
                    Wrong($"{ex.GetType().Name}: {ex.Message}");
                    next += interval;
                    continue;
                }

                var answered = Stopwatch.GetTimestamp();
                (sent >= floodFrom ? floodLatencies : sent >= warmedUpFrom ? latencies : warmUpLatencies).Add(Stopwatch.GetElapsedTime((long)next, answered).TotalMilliseconds);
                Interlocked.Increment(ref _total);
                Classify(secret, status, sent, answered);
                next += interval;
            }

            _latencies.Add([.. latencies]);
            _floodLatencies.Add([.. floodLatencies]);
            _warmUpLatencies.Add([.. warmUpLatencies]);
        }

        private void Classify(Secret secret, HttpStatusCode status, long sent, long answered)
        {
            if (status == HttpStatusCode.OK)
            {
                if (sent > Volatile.Read(ref secret.RevokeAcknowledged))
                {
                    Interlocked.Increment(ref _servedAfterRevoke);
                    Wrong($"200 for token {secret.TokenId} in a call begun after its revoke or roll was acknowledged");
                    return;
                }

                Interlocked.Increment(ref _ok);
            }
            else if (status == HttpStatusCode.Unauthorized && Volatile.Read(ref secret.RevokeAsked) < answered)
            {
                Interlocked.Increment(ref _expectedRefusals);
            }
            else
            {
                Wrong($"{(int)status} for token {secret.TokenId}, which was not revoked");
            }
        }

        private void Wrong(string what)
        {
            Interlocked.Increment(ref _wrongAnswers);
            if (_wrong.Count < 20)
            {
                _wrong.Enqueue(what);
            }
        }
    }

    /// <summary>
    /// From <c>floodFrom</c> on, calls with malformed Authorization headers at a steady rate: truncated, wrong checksum,
    /// wrong prefix, random text, non-ASCII, 4 KB long, or the header twice. Every answer must be a 4xx.
    /// </summary>
    private sealed class Flood(Uri address, TokenPool pool, int rate, long floodFrom)
    {
        private const int Workers = 8;
        private long _sent;
        private long _clientErrors;
        private long _serverErrors;
        private long _failures;

        public long Sent => _sent;

        public long ClientErrors => _clientErrors;

        public long ServerErrors => _serverErrors;

        public long Failures => _failures;

        public async Task RunAsync(CancellationToken stop)
        {
            if (rate <= 0)
            {
                return;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), floodFrom);
            try
            {
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 }) { BaseAddress = address };
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(client, w, stop), CancellationToken.None)));
        }

        private async Task WorkAsync(HttpClient client, int worker, CancellationToken stop)
        {
            var random = new Random(1000 + worker);
            var interval = Stopwatch.Frequency * Workers / (double)rate;
            var next = (double)Stopwatch.GetTimestamp();
            while (await Pacing.WaitUntilAsync(next, stop))
            {

                next += interval;
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                foreach (var header in Malformed(random, pool.PickActive(random).Value))
                {
                    request.Headers.TryAddWithoutValidation("Authorization", header);
                }

                try
                {
                    using var response = await client.SendAsync(request, CancellationToken.None);
                    Interlocked.Increment(ref _sent);
                    Interlocked.Increment(ref (int)response.StatusCode >= 500 ? ref _serverErrors : ref _clientErrors);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }

        private static string[] Malformed(Random random, string valid) => random.Next(7) switch
        {
            0 => ["Bearer " + valid[..random.Next(1, valid.Length)]],
            1 => ["Bearer " + valid[..^1] + (valid[^1] == 'a' ? 'b' : 'a')],
            2 => ["Bearer xyz" + valid[3..]],
            3 => [new string((char)random.Next('!', '~'), random.Next(1, 80))],
            4 => ["Bearer " + valid[..10] + "\u00e9\u20ac\u00fc" + valid[13..]],
            5 => ["Bearer " + new string('A', 4096)],
            _ => ["Bearer " + valid, "Bearer " + valid],
        };
    }

    /// <summary>Another process on the same database: every 2 s revokes a token in use (and creates its replacement) or rolls one.</summary>
    private sealed class Churn(BenchDomain domain, TokenPool pool)
    {
        private readonly Random _random = new(42);

        public int Revoked { get; private set; }

        public int Rolled { get; private set; }

        public int Created { get; private set; }

        public async Task RunAsync(CancellationToken stop)
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                var victim = pool.PickActive(_random);
                Volatile.Write(ref victim.RevokeAsked, Stopwatch.GetTimestamp());
                if (round % 3 == 2)
                {
                    var rolled = await domain.Tokens.RollAsync(victim.OwnerId, victim.TokenId, ct: CancellationToken.None);
                    Acknowledge(victim, rolled.Succeeded, rolled.Succeeded ? null : rolled.Error.Message);
                    pool.Add(new Secret(rolled.Value!.Secret, victim.TokenId, victim.OwnerId));
                    Rolled++;
                }
                else
                {
                    var revoked = await domain.Tokens.RevokeAsync(victim.OwnerId, victim.TokenId, CancellationToken.None);
                    Acknowledge(victim, revoked.Succeeded, revoked.Succeeded ? null : revoked.Error.Message);
                    Revoked++;
                    var created = await domain.Tokens.CreateAsync(victim.OwnerId, new Tokens.Service.TokenDraft { Name = $"soak replacement {round}", Scopes = ["tokens:read"] }, CancellationToken.None);
                    if (created.Succeeded)
                    {
                        pool.Add(new Secret(created.Value.Secret, created.Value.Token.Id, victim.OwnerId));
                        Created++;
                    }
                }
            }
        }

        private void Acknowledge(Secret victim, bool succeeded, string? error)
        {
            if (!succeeded)
            {
                throw new InvalidOperationException($"The churn's change was refused: {error}");
            }

            Volatile.Write(ref victim.RevokeAcknowledged, Stopwatch.GetTimestamp());
            pool.Retire(victim);
        }
    }

    /// <summary>Ada Admin in Chromium, creating, editing, rolling and deleting a token through the pages, again and again.</summary>
    private sealed class BrowserSession(Uri address, string? screenshots)
    {
        public int Cycles { get; private set; }

        public int Failures { get; private set; }

        public async Task RunAsync(CancellationToken stop)
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
            await using var context = await browser.NewContextAsync(new() { BaseURL = address.ToString(), ViewportSize = new() { Width = 1280, Height = 800 } });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(20_000);
            await page.GotoAsync("/signin");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Ada Admin" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
            await OpenTokensAsync(page);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await CycleAsync(page, $"soak browser {Cycles + Failures}");
                    Cycles++;
                }
                catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
                {
                    Failures++;
                    await Console.Error.WriteLineAsync($"Browser cycle failed: {ex.Message.Split('\n')[0]}");
                    if (screenshots is not null)
                    {
                        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"soak-failure-{Failures}.png") });
                    }

                    await OpenTokensAsync(page);
                }
            }

            if (screenshots is not null)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "soak-end.png") });
            }
        }

        private static async Task OpenTokensAsync(IPage page)
        {
            await page.GotoAsync("/tokens");
            await page.Locator(".token-grid-count").WaitForAsync();
        }

        private static async Task CycleAsync(IPage page, string name)
        {
            var dialog = page.Locator("div.rz-dialog[role='dialog']").Last;
            var row = page.Locator(".rz-data-row").Filter(new() { HasText = name });

            await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First.ClickAsync();
            await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "tokens:read", Exact = true }).CheckAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await CloseRevealAsync(page, dialog);

            await row.GetByRole(AriaRole.Button, new() { Name = $"Edit {name}", Exact = true }).ClickAsync();
            await dialog.GetByLabel("Description").FillAsync("edited during the soak run");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(page.Locator("div.rz-dialog[role='dialog']")).ToHaveCountAsync(0);

            await row.GetByRole(AriaRole.Button, new() { Name = $"Roll secret of {name}", Exact = true }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Roll secret", Exact = true }).ClickAsync();
            await CloseRevealAsync(page, dialog);

            await row.GetByRole(AriaRole.Button, new() { Name = $"Delete {name}", Exact = true }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await Assertions.Expect(row).ToHaveCountAsync(0);
        }

        private static async Task CloseRevealAsync(IPage page, ILocator dialog)
        {
            var secret = await dialog.GetByLabel("Secret", new() { Exact = true }).InputValueAsync();
            if (!secret.StartsWith("adp_", StringComparison.Ordinal))
            {
                throw new PlaywrightException("The reveal dialog showed no secret.");
            }

            await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
            await Assertions.Expect(page.Locator("div.rz-dialog[role='dialog']")).ToHaveCountAsync(0);
        }
    }

    /// <summary>The portal as its own process, with the SQL commands it runs written to its log and counted from there.</summary>
    private sealed class PortalProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _data;
        private readonly ConcurrentQueue<string> _lines = new();

        private PortalProcess(Process process, Uri address, string data)
        {
            _process = process;
            Address = address;
            _data = data;
        }

        public Uri Address { get; }

        public int Id => _process.Id;

        public static PortalProcess Start(string dll, string data)
        {
            var (start, address) = BenchPortalStart.For(dll, data, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
                // Calls with revoked secrets are part of the load: the failed-authentication limit would answer them 429.
                ["Api:FailedAuthenticationLimit"] = "1000000",
            });
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var portal = new PortalProcess(process, address, data);
            process.OutputDataReceived += (_, e) => portal.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => portal.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return portal;
        }

        public async Task WaitUntilLiveAsync()
        {
            using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
            for (var attempt = 0; attempt < 300; attempt++)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet.
                }

                await Task.Delay(200);
            }

            throw new TimeoutException("The portal did not become ready:\n" + string.Join('\n', _lines));
        }

        /// <summary>Stops the portal as a service manager would (SIGTERM), so that it writes the usage it holds.</summary>
        public async Task StopAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }

        /// <summary>SQL commands in the log: each "Executed DbCommand" entry is followed by its SQL on the next lines.</summary>
        public (int Reads, int Writes, int UsageWrites) Commands()
        {
            int reads = 0, writes = 0, usage = 0;
            var lines = _lines.ToArray();
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].Contains("Executed DbCommand", StringComparison.Ordinal))
                {
                    continue;
                }

                var sql = string.Join(' ', lines.Skip(i + 1).TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal)).Select(l => l.Trim()));
                if (sql.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    reads++;
                }
                else if (sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                    || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
                {
                    writes++;
                    usage += sql.Contains("LastUsed", StringComparison.Ordinal) ? 1 : 0;
                }
            }

            return (reads, writes, usage);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(_data))
            {
                Directory.Delete(_data, recursive: true);
            }
        }

        private void Keep(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
            }
        }
    }
}
