using AdminPortal.Api.Tests.Api;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Tests.Guard;

/// <summary>Allow-lists and rate limits over HTTP, with no proxy trusted (the default).</summary>
public sealed class TokenGuardApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task A_call_from_an_allowed_address_succeeds()
    {
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner, new TokenDraft { Name = "local", Scopes = ["tokens:read"], AllowedAddresses = ["127.0.0.0/8", "::1"] });

        using var response = await host.Client(token.Secret).GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_call_from_elsewhere_gets_403_address_not_allowed_without_the_list()
    {
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner, new TokenDraft { Name = "office", Scopes = ["tokens:read"], AllowedAddresses = ["203.0.113.0/24"] });

        using var response = await host.Client(token.Secret).GetAsync("/api/v1/me");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("urn:adminportal:problem:address-not-allowed", problem.Text("type"));
        Assert.DoesNotContain("203.0.113", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_forwarded_for_from_an_untrusted_peer_changes_nothing()
    {
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner, new TokenDraft { Name = "office", Scopes = ["tokens:read"], AllowedAddresses = ["203.0.113.7"] });
        using var client = host.Client(token.Secret);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_token_over_its_calls_per_minute_gets_429_with_retry_after()
    {
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner, new TokenDraft { Name = "limited", Scopes = ["tokens:read"], RateLimitPerMinute = 2 });
        using var client = host.Client(token.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        using var limited = await client.GetAsync("/api/v1/me");

        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("urn:adminportal:problem:rate-limited", problem.Text("type"));
        Assert.Equal(TimeSpan.FromSeconds(30), limited.Headers.RetryAfter?.Delta);
        host.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}

/// <summary>The client address behind a proxy the operator declared trusted (here: loopback, where the test client is).</summary>
public sealed class TrustedProxyTests
{
    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_address_is_the_client_and_what_the_client_forged_is_ignored()
    {
        await using var host = ApiHost.WithSettings(("ForwardedHeaders:KnownProxies", "127.0.0.1,::1"));
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner, new TokenDraft { Name = "office", Scopes = ["tokens:read"], AllowedAddresses = ["203.0.113.7"] });

        // The proxy appends the address it saw: "what the client sent, client".
        using var fromOffice = Client(host, token.Secret, "203.0.113.7");
        using var forged = Client(host, token.Secret, "203.0.113.7, 198.51.100.9");

        Assert.Equal(HttpStatusCode.OK, (await fromOffice.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await forged.GetAsync("/api/v1/me")).StatusCode);
    }

    private static HttpClient Client(ApiHost host, string secret, string forwardedFor)
    {
        var client = host.Client(secret);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }
}
