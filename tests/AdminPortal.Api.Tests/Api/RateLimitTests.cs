using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Api.Tests.Api;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Address_that_used_up_its_failures_gets_429_with_retry_after_until_the_window_ends()
    {
        await using var host = ApiHost.WithSettings(("Api:FailedAuthenticationLimit", "3"), ("Api:FailedAuthenticationWindow", "00:01:00"));
        using var bad = host.Client(new TokenSecretFormat("adp").Generate());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await bad.GetAsync("/api/v1/me")).StatusCode);
        }

        using var limited = await bad.GetAsync("/api/v1/me");
        host.Clock.Advance(TimeSpan.FromSeconds(60));
        using var afterWindow = await bad.GetAsync("/api/v1/me");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Unauthorized, afterWindow.StatusCode);
    }

    [Fact]
    public async Task Valid_token_from_a_limited_address_is_still_accepted_and_successes_are_not_counted()
    {
        await using var host = ApiHost.WithSettings(("Api:FailedAuthenticationLimit", "2"));
        var owner = await host.UserAsync();
        var good = host.Client((await host.TokenAsync(owner)).Secret);
        using var bad = host.Client("adp_wrong");
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/api/v1/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await bad.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/api/v1/me")).StatusCode);
    }
}
