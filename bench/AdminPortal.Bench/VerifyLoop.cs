using System.Diagnostics;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Bench;

/// <summary>
/// Warm verifications in a plain loop, nothing collecting metrics: blocks of calls, the median and minimum ns per call
/// printed on one line. Short, so that two builds can be alternated process by process on a busy machine (builds
/// compared this way: the same file in both).
/// </summary>
internal static class VerifyLoop
{
    public static async Task<int> RunAsync(TextWriter output)
    {
        const int Blocks = 15;
        const int Calls = 100_000;
        await using var domain = await BenchDomain.StartAsync(TimeProvider.System);
        var secret = (await domain.TokenAsync(await domain.UserAsync(), "bench")).Secret;
        var verifier = domain.Services.GetRequiredService<TokenVerifier>();
        var blocks = new List<double>();
        for (var block = -3; block < Blocks; block++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < Calls; i++)
            {
                var verification = verifier.VerifyAsync(secret, "127.0.0.1");
                if (!verification.IsCompletedSuccessfully || !verification.Result.IsValid)
                {
                    throw new InvalidOperationException("The verification was not answered from the cache.");
                }
            }

            if (block >= 0)
            {
                blocks.Add(Stopwatch.GetElapsedTime(started).TotalNanoseconds / Calls);
            }
        }

        blocks.Sort();
        await output.WriteLineAsync(FormattableString.Invariant($"verify-loop median {blocks[Blocks / 2]:F1} min {blocks[0]:F1}"));
        return 0;
    }
}
