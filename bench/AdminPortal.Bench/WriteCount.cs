using System.Globalization;
using AdminPortal.Tokens.Verification;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Bench;

/// <summary>
/// Database writes caused by 100,000 verified calls of 100 tokens, spread over 100 seconds of (simulated) time, with
/// usage flushed every write interval as <c>UsageFlushService</c> does, and once more at the end (shutdown).
/// </summary>
internal static class WriteCount
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        const int tokens = 100, calls = 100_000;
        var step = TimeSpan.FromMilliseconds(1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var domain = await BenchDomain.StartAsync(clock);
        var owners = new List<Tokens.Model.PortalUser>();
        var secrets = new List<string>();
        for (var i = 0; i < tokens; i++)
        {
            if (i % 10 == 0)
            {
                owners.Add(await domain.UserAsync());
            }

            secrets.Add((await domain.TokenAsync(owners[^1], $"token {i}")).Secret);
        }

        var verifier = domain.Services.GetRequiredService<TokenVerifier>();
        var usage = domain.Services.GetRequiredService<UsageRecorder>();
        var interval = domain.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Tokens.Options.TokenOptions>>().Value.UsageWriteInterval;
        domain.Counter.Reset();
        var start = clock.GetUtcNow();
        var nextFlush = start + interval;
        var flushes = 0;
        for (var i = 0; i < calls; i++)
        {
            if (!(await verifier.VerifyAsync(secrets[i % tokens], "127.0.0.1")).IsValid)
            {
                throw new InvalidOperationException("A benchmark token did not verify.");
            }

            clock.Advance(step);
            if (clock.GetUtcNow() >= nextFlush)
            {
                await usage.FlushAsync();
                flushes++;
                nextFlush += interval;
            }
        }

        await usage.FlushAsync();
        flushes++;
        var minutes = (clock.GetUtcNow() - start).TotalMinutes;
        var allowed = tokens * (int)Math.Ceiling(minutes);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"writes\t{calls}\t{tokens}\t{minutes:0.0}\t{domain.Counter.Writes}\t{domain.Counter.Reads}\t{flushes}\t{allowed}");
        await output.WriteLineAsync("# calls  tokens  simulated-minutes  db-writes  db-reads  flushes  allowed(<= 1 per token per minute)");
        await output.WriteLineAsync(line);
        return domain.Counter.Writes <= allowed ? 0 : 1;
    }
}
