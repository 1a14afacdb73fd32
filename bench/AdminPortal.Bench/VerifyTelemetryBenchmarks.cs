using AdminPortal.Tokens.Telemetry;
using AdminPortal.Tokens.Verification;
using BenchmarkDotNet.Attributes;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace AdminPortal.Bench;

/// <summary>
/// Verify with a warm cache as <see cref="VerifyBenchmarks"/>, with nothing collecting the portal's metrics (the default:
/// no exporter configured) and with an OpenTelemetry meter provider collecting them as an exporter would (every
/// verification then also records its latency in a histogram).
/// </summary>
[MemoryDiagnoser]
public class VerifyTelemetryBenchmarks
{
    private BenchDomain _domain = null!;
    private TokenVerifier _verifier = null!;
    private MeterProvider? _meters;
    private string _secret = "";

    [Params(false, true)]
    public bool MetricsCollected { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (MetricsCollected)
        {
            // As the portal does with an exporter: a reader that collects every 10 s (the exporter itself does nothing here).
            _meters = Sdk.CreateMeterProviderBuilder().AddMeter(PortalTelemetry.MeterName)
                .AddReader(new PeriodicExportingMetricReader(new DiscardingExporter(), exportIntervalMilliseconds: 10_000))
                .Build();
        }

        _domain = BenchDomain.StartAsync(TimeProvider.System).GetAwaiter().GetResult();
        var owner = _domain.UserAsync().GetAwaiter().GetResult();
        _secret = _domain.TokenAsync(owner, "bench").GetAwaiter().GetResult().Secret;
        _verifier = _domain.Services.GetRequiredService<TokenVerifier>();
        if (!_verifier.VerifyAsync(_secret, "127.0.0.1").AsTask().GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("The benchmark token does not verify.");
        }

        if (MetricsCollected != _domain.Services.GetRequiredService<PortalTelemetry>().TimesVerifications)
        {
            throw new InvalidOperationException("The verification latency is not collected as this case says.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _domain.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _meters?.Dispose();
    }

    [Benchmark(Description = "Verify (warm cache)")]
    public ValueTask<Verification> Verify() => _verifier.VerifyAsync(_secret, "127.0.0.1");

    private sealed class DiscardingExporter : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }
}
