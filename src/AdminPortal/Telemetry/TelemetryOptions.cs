namespace AdminPortal.Telemetry;

/// <summary>
/// The telemetry settings, bound from "Telemetry". Metrics and traces leave the process only through an exporter: OTLP
/// when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and a Prometheus scrape endpoint when
/// <see cref="PrometheusOptions.Port"/> is set. Neither is on by default.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The standard OpenTelemetry setting (an environment variable) that turns the OTLP exporter on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Prometheus scrape endpoint.</summary>
    public PrometheusOptions Prometheus { get; set; } = new();
}

/// <summary>
/// A Prometheus scrape endpoint on a port of its own, never the portal's: its own listener bound to <see cref="Address"/>
/// (loopback unless configured), serving <see cref="Path"/> only. Off while <see cref="Port"/> is not set.
/// </summary>
public sealed class PrometheusOptions
{
    /// <summary>The endpoint's TCP port; unset: no endpoint.</summary>
    public int? Port { get; set; }

    /// <summary>The IP address the endpoint listens on: 127.0.0.1 unless an operator names a private interface.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The path that answers with the metrics.</summary>
    public string Path { get; set; } = "/metrics";
}
