using System.Net.Sockets;
using AdminPortal.Testing;
using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Api.Tests.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint of a real portal process: off unless its port is configured, then served on that port
/// only, never on the portal's own.
/// </summary>
public sealed class PrometheusEndpointTests
{
    private static readonly TokenSecretFormat Secrets = new("adp");

    [Fact]
    public async Task An_enabled_endpoint_serves_the_portal_metrics_on_its_own_port_and_not_on_the_portal_port()
    {
        var folder = Directory.CreateTempSubdirectory("adminportal-prometheus-").FullName;
        var port = PortalServer.FreeLoopbackPort();
        var settings = await SettingsAsync(("Telemetry:Prometheus:Port", $"{port}"));
        try
        {
            await using var portal = await PortalServer.StartAsync(PortalDll, folder, settings: settings);
            using var client = portal.Client(Secrets.Generate());
            using (var refused = await client.GetAsync(new Uri("api/v1/me", UriKind.Relative), TestContext.Current.CancellationToken))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            }

            using var scraper = new HttpClient { Timeout = TimeSpan.FromMinutes(3) };
            using var scrape = await scraper.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"), TestContext.Current.CancellationToken);
            var text = await scrape.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.Contains("adminportal_authentication_refusals_total{otel_scope_name=\"AdminPortal\",reason=\"invalid_token\"} 1", text, StringComparison.Ordinal);
            Assert.Contains("adminportal_verifications_total{otel_scope_name=\"AdminPortal\",outcome=\"unknown\"} 1", text, StringComparison.Ordinal);
            Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);

            using var onPortal = await portal.Client().GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, onPortal.StatusCode);
            Assert.DoesNotContain("adminportal_", await onPortal.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            await CleanUpAsync(folder, settings);
        }
    }

    [Fact]
    public async Task Without_its_port_setting_there_is_no_endpoint()
    {
        var folder = Directory.CreateTempSubdirectory("adminportal-prometheus-").FullName;
        var settings = await SettingsAsync();
        try
        {
            // The exporter's usual port (9464), if nothing else holds it: still closed once the portal runs.
            var usualPortFree = !Answers(9464);
            await using var portal = await PortalServer.StartAsync(PortalDll, folder, settings: settings);

            using var onPortal = await portal.Client().GetAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, onPortal.StatusCode);
            if (usualPortFree)
            {
                Assert.False(Answers(9464));
            }
        }
        finally
        {
            await CleanUpAsync(folder, settings);
        }
    }

    private static string PortalDll => Path.Combine(AppContext.BaseDirectory, "AdminPortal.dll");

    /// <summary>The portal's settings: its own database on the test PostgreSQL cluster when the run asks for it.</summary>
    private static async Task<Dictionary<string, string>> SettingsAsync(params (string Key, string Value)[] extra)
    {
        var settings = extra.ToDictionary(s => s.Key, s => s.Value);
        if (TestPostgres.IsSelected)
        {
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = await TestPostgres.CreateEmptyDatabaseAsync();
        }

        return settings;
    }

    private static async Task CleanUpAsync(string folder, Dictionary<string, string> settings)
    {
        Directory.Delete(folder, recursive: true);
        if (settings.TryGetValue("Database:ConnectionString", out var database))
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    private static bool Answers(int port)
    {
        try
        {
            using var socket = new TcpClient();
            socket.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
