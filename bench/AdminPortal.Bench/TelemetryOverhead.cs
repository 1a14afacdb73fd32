using System.Diagnostics;
using AdminPortal.Tokens.Telemetry;
using AdminPortal.Tokens.Verification;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace AdminPortal.Bench;

/// <summary>
/// What the portal's metrics add to a warm verification, measured in one process with the cases interleaved (on a shared,
/// busy machine separate runs differ more than the effect): rounds alternate "nothing collects the metrics" (the default,
/// no exporter) and "an OpenTelemetry meter provider collects them" (an exporter configured), and time, alone, the work the
/// default path adds to a verification (one look at whether the latency is listened to, one striped increment). Reports
/// the median and minimum over rounds of each and the median of the paired differences.
/// </summary>
internal static class TelemetryOverhead
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 30;
        const int Calls = 200_000;
        await using var domain = await BenchDomain.StartAsync(TimeProvider.System);
        var owner = await domain.UserAsync();
        var secret = (await domain.TokenAsync(owner, "bench")).Secret;
        var verifier = domain.Services.GetRequiredService<TokenVerifier>();
        var telemetry = domain.Services.GetRequiredService<PortalTelemetry>();

        var off = new List<double>();
        var on = new List<double>();
        var added = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var collected in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                using var meters = collected
                    ? Sdk.CreateMeterProviderBuilder().AddMeter(PortalTelemetry.MeterName)
                        .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter(), exportIntervalMilliseconds: 10_000)).Build()
                    : null;
                if (telemetry.TimesVerifications != collected)
                {
                    throw new InvalidOperationException("The latency is not listened to as this case says.");
                }

                (collected ? on : off).Add(Time(Calls, () => Warm(verifier.VerifyAsync(secret, "127.0.0.1"))));
            }

            added.Add(Time(Calls, () =>
            {
                if (telemetry.StartVerification() == 0)
                {
                    telemetry.Verified(VerifyOutcome.Valid, PortalTelemetry.CacheResult.Hit);
                }
            }));
        }

        var differences = on.Zip(off, (a, b) => a - b).ToList();
        await output.WriteLineAsync($"rounds {rounds}, {Calls:N0} warm verifications per case and round, ns per call (median / min over rounds)");
        await output.WriteLineAsync($"not collected (default)      {Median(off),8:F1} / {off.Min(),8:F1}");
        await output.WriteLineAsync($"collected (exporter on)      {Median(on),8:F1} / {on.Min(),8:F1}");
        await output.WriteLineAsync($"collected - not collected    {Median(differences),8:F1} (median of paired differences)");
        await output.WriteLineAsync($"added work, default path     {Median(added),8:F1} / {added.Min(),8:F1}");
        return 0;
    }

    /// <summary>A warm verification answers at once; anything else would measure the database.</summary>
    private static void Warm(ValueTask<Verification> verification)
    {
        if (!verification.IsCompletedSuccessfully || !verification.Result.IsValid)
        {
            throw new InvalidOperationException("The verification was not answered from the cache.");
        }
    }

    private static double Time(int calls, Action call)
    {
        for (var i = 0; i < calls / 10; i++)
        {
            call();
        }

        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            call();
        }

        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / calls;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
