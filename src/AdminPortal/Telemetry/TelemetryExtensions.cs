using System.Net;
using System.Net.Sockets;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Telemetry;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AdminPortal.Telemetry;

/// <summary>
/// Metrics and traces with OpenTelemetry: the portal's own (<see cref="PortalTelemetry"/>), ASP.NET Core's and the
/// database driver's. Nothing is collected unless something exports it: OTLP (metrics and traces) when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, a Prometheus scrape endpoint (metrics) on a port of its own when
/// <c>Telemetry:Prometheus:Port</c> is set. Traces follow an API call or a portal action down to each SQL command:
/// Npgsql's spans on PostgreSQL, EF Core's on SQLite.
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not give one.</summary>
    public const string DefaultServiceName = "adminportal";

    public static IHostApplicationBuilder AddPortalTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        // Decided here, from the same settings the validator checks at start: a bad value turns nothing on, and the
        // start then fails naming it.
        var configuration = builder.Configuration;
        var otlp = configuration[TelemetryOptions.OtlpEndpointKey] is { Length: > 0 } endpoint && IsHttpUri(endpoint);
        var prometheus = PrometheusEndpoint(configuration);
        if (!otlp && prometheus is null)
        {
            return builder;
        }

        var postgres = Enum.TryParse<DatabaseProvider>(configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"], ignoreCase: true, out var engine)
            && engine == DatabaseProvider.Postgres;
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PortalTelemetry.MeterName).AddAspNetCoreInstrumentation().AddMeter("System.Runtime");
                if (postgres)
                {
                    metrics.AddNpgsqlInstrumentation();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (prometheus is { } scrape)
                {
                    metrics.AddPrometheusHttpListener(options =>
                    {
                        options.Host = scrape.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{scrape.Address}]" : scrape.Address.ToString();
                        options.Port = scrape.Port;
                        options.ScrapeEndpointPath = scrape.Path;
                    });
                }
            });

        // Prometheus carries no traces: spans are made only when OTLP exports them.
        if (otlp)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(PortalTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/healthz"));
                if (postgres)
                {
                    tracing.AddNpgsql();
                }
                else
                {
                    tracing.AddEntityFrameworkCoreInstrumentation();
                }

                tracing.AddOtlpExporter();
            });
        }

        return builder;
    }

    /// <summary>Whether <paramref name="value"/> is an absolute http or https address.</summary>
    internal static bool IsHttpUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The scrape endpoint when one is configured with valid settings; null otherwise.</summary>
    private static (IPAddress Address, int Port, string Path)? PrometheusEndpoint(IConfiguration configuration)
    {
        var section = configuration.GetSection($"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Prometheus)}");
        var defaults = new PrometheusOptions();
        if (!int.TryParse(section[nameof(PrometheusOptions.Port)], out var port) || port is < 1 or > 65535
            || !IPAddress.TryParse(section[nameof(PrometheusOptions.Address)] ?? defaults.Address, out var address))
        {
            return null;
        }

        return (address, port, section[nameof(PrometheusOptions.Path)] ?? defaults.Path);
    }
}
