using System.Net;
using Microsoft.Extensions.Options;

namespace AdminPortal.Telemetry;

/// <summary>Checks the telemetry settings at start; each message names the setting at fault.</summary>
internal sealed class TelemetryOptionsValidator(IConfiguration configuration) : IValidateOptions<TelemetryOptions>
{
    private const string Prometheus = $"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Prometheus)}";

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (configuration[TelemetryOptions.OtlpEndpointKey] is { Length: > 0 } endpoint && !TelemetryExtensions.IsHttpUri(endpoint))
        {
            failures.Add($"{TelemetryOptions.OtlpEndpointKey}: '{endpoint}' is not an absolute http or https address (e.g. http://collector:4318).");
        }

        var prometheus = options.Prometheus;
        if (prometheus.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"{Prometheus}:{nameof(PrometheusOptions.Port)}: {port} is not a TCP port (1-65535).");
        }

        if (!IPAddress.TryParse(prometheus.Address, out _))
        {
            failures.Add($"{Prometheus}:{nameof(PrometheusOptions.Address)}: '{prometheus.Address}' is not an IP address (e.g. 127.0.0.1, or a private interface's address).");
        }

        if (prometheus.Path is not ['/', _, ..] || prometheus.Path.Any(c => c is '?' or '#' or ' '))
        {
            failures.Add($"{Prometheus}:{nameof(PrometheusOptions.Path)}: '{prometheus.Path}' is not a path such as /metrics.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
