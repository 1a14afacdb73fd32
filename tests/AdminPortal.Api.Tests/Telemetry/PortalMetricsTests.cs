using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Telemetry;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AdminPortal.Tokens.Telemetry.PortalTelemetry;

namespace AdminPortal.Api.Tests.Telemetry;

/// <summary>The portal's metrics after known actions: each instrument says exactly what happened.</summary>
public sealed class PortalMetricsTests
{
    private static readonly TokenSecretFormat Secrets = new("adp");

    [Fact]
    public async Task Metrics_count_verifications_by_outcome_cache_results_refusals_changes_usage_flushes_and_database_errors()
    {
        await using var host = ApiHost.WithSettings(("Api:FailedAuthenticationLimit", "4"));
        using var metrics = new MetricReadings(host.Services.GetRequiredService<PortalTelemetry>().Meter);
        var token = await host.TokenAsync(await host.UserAsync());
        using var client = host.Client();

        // Valid twice (read from the database, then from the cache); four failures: an unknown secret, a header that is
        // not a credential, a malformed secret, the token after its revocation; then the address is over its limit.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"Bearer {token.Secret}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, $"Bearer {token.Secret}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, $"Bearer {Secrets.Generate()}"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "Basic dXNlcjpwYXNz"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, "Bearer adp_not-a-secret"));
        Assert.True((await host.Tokens.RevokeAsync(token.Token.OwnerId, token.Token.Id, TestContext.Current.CancellationToken)).Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(client, $"Bearer {token.Secret}"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(client, $"Bearer {Secrets.Generate()}"));

        Assert.Equal(2, metrics.Total(VerificationsName, "outcome", "valid"));
        Assert.Equal(1, metrics.Total(VerificationsName, "outcome", "unknown"));
        Assert.Equal(1, metrics.Total(VerificationsName, "outcome", "malformed"));
        Assert.Equal(1, metrics.Total(VerificationsName, "outcome", "revoked"));
        Assert.Equal(1, metrics.Total(CacheLookupsName, "result", "hit"));
        Assert.Equal(3, metrics.Total(CacheLookupsName, "result", "miss"));
        Assert.InRange(metrics.Recorded(VerificationDurationName, "cache", "hit").Count, 0, 1);
        Assert.Equal(3, metrics.Recorded(VerificationDurationName, "cache", "miss").Count);
        Assert.All(metrics.Recorded(VerificationDurationName), seconds => Assert.True(seconds > 0));

        Assert.Equal(3, metrics.Total(AuthenticationRefusalsName, "reason", "invalid_token"));
        Assert.Equal(1, metrics.Total(AuthenticationRefusalsName, "reason", "malformed_header"));
        Assert.Equal(1, metrics.Total(AuthenticationRefusalsName, "reason", "too_many_failures"));
        Assert.Equal(0, metrics.Total(AuthenticationRefusalsName, "reason", "owner_deactivated"));

        Assert.Equal(1, metrics.Total(TokenChangesName, "kind", "created"));
        Assert.Equal(1, metrics.Total(TokenChangesName, "kind", "revoked"));

        // The two valid calls are one token's use: one flush writes one token.
        var written = await host.Services.GetRequiredService<UsageRecorder>().FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, written);
        Assert.Equal([1.0], metrics.Recorded(UsageFlushSizeName));
        Assert.Single(metrics.Recorded(UsageFlushDurationName, "result", "ok"));

        // A command the database refuses (not an outage): one error of the type "other".
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("SELECT * FROM no_such_table", TestContext.Current.CancellationToken));
        }

        Assert.Equal(1, metrics.Total(DatabaseErrorsName, "error.type", "other"));
        Assert.Equal(0, metrics.Total(DatabaseErrorsName, "error.type", "unavailable"));
    }

    [Fact]
    public void One_cache_hit_in_64_is_timed_while_the_latency_is_listened_to_and_none_otherwise()
    {
        using var telemetry = new PortalTelemetry();
        Assert.All(Enumerable.Range(0, HitSampling), _ => Assert.Equal(0, telemetry.StartVerification()));
        Assert.Equal(0, telemetry.StartMiss(0));

        using var metrics = new MetricReadings(telemetry.Meter);
        var starts = Enumerable.Range(0, HitSampling).Select(_ => telemetry.StartVerification()).ToList();

        Assert.Single(starts, start => start != 0);
        Assert.NotEqual(0, telemetry.StartMiss(0));
    }

    [Theory]
    [InlineData("Telemetry:Prometheus:Port", "70000")]
    [InlineData("Telemetry:Prometheus:Address", "metrics.example.com")]
    [InlineData("Telemetry:Prometheus:Path", "metrics")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4317")]
    public void A_bad_telemetry_setting_stops_the_start_naming_it(string key, string value)
    {
        using var host = ApiHost.WithSettings((key, value));

        var thrown = Record.Exception(() => host.Services);

        // The portal's entry point starts the host beside the test factory: when the start fails first, the entry point
        // disposes of the host and the factory meets ObjectDisposedException instead of the start's own exception.
        // The host logs the start's exception before either, so the setting's name is read there.
        Assert.True(thrown is OptionsValidationException or ObjectDisposedException, $"The start did not fail on the setting: {thrown}");
        var failure = Assert.Single(host.Logs.Lines, line => line.Contains(typeof(OptionsValidationException).FullName!, StringComparison.Ordinal));

        Assert.Contains(key, failure, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
