using System.Globalization;
using System.Net;
using AdminPortal.Api;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.Extensions.Options;

namespace AdminPortal.Bench;

/// <summary>
/// "flood [--seconds 10] [--rounds 2] [--rate 1000] [--flood-rate 10000] [--tokens 100]": the portal's API (registered as
/// the portal registers it, default settings, a fresh SQLite file) in process, without sockets (<see cref="InProcessServer"/>),
/// under valid callers at a steady rate from their own addresses, while in alternate phases one address sends distinct
/// well-formed secrets that no token has (made by the product's own generator, so that they pass the checksum). Reports
/// the SQL reads the flood caused against what the failed-authentication limit allows (its limit per window begun), and
/// the valid callers' latencies without and with the flood.
/// </summary>
internal static class FloodBench
{
    private static readonly IPAddress FloodAddress = IPAddress.Parse("203.0.113.7");

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var seconds = Number(args, "--seconds", 10);
        var rounds = Number(args, "--rounds", 2);
        var rate = Number(args, "--rate", 1000);
        var floodRate = Number(args, "--flood-rate", 10_000);
        var tokenCount = Number(args, "--tokens", 100);

        var server = new InProcessServer();
        await using var host = await BenchHost.StartAsync([], server);
        var secrets = await TokensAsync(host.App.Services, tokenCount);
        var format = new TokenSecretFormat(host.App.Services.GetRequiredService<IOptions<Tokens.Options.TokenOptions>>().Value.SecretPrefix);
        var floodSecrets = Enumerable.Range(0, rounds).Select(_ => Enumerable.Range(0, seconds * floodRate).Select(_ => format.Generate()).ToArray()).ToList();
        var limits = host.App.Services.GetRequiredService<IOptions<ApiOptions>>().Value;

        using var reads = new SqlReadCounter();
        var callers = new SteadyCallers(server.ProcessAsync, secrets, rate);
        var flood = new SecretFlood(server.ProcessAsync, FloodAddress, floodRate);
        using var stop = new CancellationTokenSource();
        var calling = callers.RunAsync(stop.Token);
        await Console.Error.WriteLineAsync($"Flood: {rounds} rounds of {seconds} s without and {seconds} s with {floodRate}/s unknown secrets; {rate} valid calls/s over {tokenCount} tokens");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var otherReadsBefore = reads.OtherReads;
        foreach (var batch in floodSecrets)
        {
            callers.Phase = 1;
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            callers.Phase = 2;
            await Task.Factory.StartNew(() => flood.Run(batch, TimeSpan.FromSeconds(seconds)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        await stop.CancelAsync();
        await calling;

        var windows = (int)(flood.Span.Ticks / limits.FailedAuthenticationWindow.Ticks) + 1;
        var allowed = (long)windows * limits.FailedAuthenticationLimit;
        output.WriteLine(Invariant($"Limit: {limits.FailedAuthenticationLimit} failed authentications per {limits.FailedAuthenticationWindow.TotalSeconds:0} s window per address (the defaults)."));
        output.WriteLine();
        output.WriteLine("| flood from one address | requests | per second | 401 | 429 | other | SQL reads it caused | reads the limit allows |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        output.WriteLine(Invariant($"| distinct well-formed unknown secrets | {flood.Sent:N0} | {flood.Sent / flood.Seconds:N0} | {flood.Unauthorized:N0} | {flood.TooMany:N0} | {flood.Other:N0} | {reads.FloodReads:N0} | {allowed:N0} ({windows} window(s) × {limits.FailedAuthenticationLimit}) |"));
        output.WriteLine();
        output.WriteLine("| valid callers (GET /api/v1/me) | calls | not 200 | p50 ms | p99 ms | p50 ms from schedule | p99 ms from schedule |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (phase, name) in new[] { (1, "without the flood"), (2, "during the flood") })
        {
            var answer = callers.LatenciesMs(phase, fromSchedule: false);
            var scheduled = callers.LatenciesMs(phase, fromSchedule: true);
            output.WriteLine(Invariant($"| {name} | {callers.Calls(phase):N0} | {callers.Refused(phase)} | {Pacing.Percentile(answer, 0.5):0.000} | {Pacing.Percentile(answer, 0.99):0.000} | {Pacing.Percentile(scheduled, 0.5):0.000} | {Pacing.Percentile(scheduled, 0.99):0.000} |"));
        }

        var ratio = Pacing.Percentile(callers.LatenciesMs(2, false), 0.99) / Pacing.Percentile(callers.LatenciesMs(1, false), 0.99);
        var scheduleRatio = Pacing.Percentile(callers.LatenciesMs(2, true), 0.99) / Pacing.Percentile(callers.LatenciesMs(1, true), 0.99);
        output.WriteLine();
        output.WriteLine(Invariant($"p99 with the flood / without: {ratio:0.00} (send to answer), {scheduleRatio:0.00} (from schedule). SQL reads of the valid callers meanwhile: {reads.OtherReads - otherReadsBefore:N0} (each token read again when its cached answer ends)."));
        var ok = reads.FloodReads <= allowed && callers.Refused(1) + callers.Refused(2) == 0 && flood.Other == 0;
        return ok ? 0 : 1;
    }

    /// <summary><paramref name="count"/> tokens, ten per owner (the default most usable tokens an owner may hold).</summary>
    private static async Task<List<string>> TokensAsync(IServiceProvider services, int count)
    {
        var users = services.GetRequiredService<UserService>();
        var tokens = services.GetRequiredService<TokenService>();
        var secrets = new List<string>();
        PortalUser? owner = null;
        for (var i = 0; i < count; i++)
        {
            if (i % 10 == 0)
            {
                owner = await users.SignInAsync(new SignInProfile("bench", "Bench", $"flood-caller-{i}", $"Caller {i}", $"caller{i}@bench.example", Role.User));
            }

            var created = await tokens.CreateAsync(owner!.Id, new TokenDraft { Name = $"caller {i}", Scopes = ["tokens:read"] });
            secrets.Add(created.Succeeded ? created.Value.Secret : throw new InvalidOperationException(created.Error.Message));
        }

        return secrets;
    }

    private static int Number(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
