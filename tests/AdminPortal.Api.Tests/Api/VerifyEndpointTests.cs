using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.Api;

public sealed class VerifyEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Valid_token_gets_200_with_headers_naming_token_owner_tenant_and_scopes()
    {
        var owner = await host.UserAsync(name: "Zoë Ångström");
        var token = await host.TokenAsync(owner, "alerts:read", "tokens:read");

        using var response = await host.Client(token.Secret).GetAsync("/auth/verify");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(token.Token.Id.ToString(), Header(response, "X-Auth-Token-Id"));
        Assert.Equal(owner.Id.ToString(), Header(response, "X-Auth-Owner-Id"));
        Assert.Equal("Zoë Ångström", Uri.UnescapeDataString(Header(response, "X-Auth-Owner-Name")));
        Assert.Equal(owner.TenantId.ToString(), Header(response, "X-Auth-Tenant-Id"));
        Assert.Equal("alerts:read tokens:read", Header(response, "X-Auth-Scopes"));
    }

    [Fact]
    public async Task Scope_parameter_must_be_held_or_the_answer_is_403_naming_it()
    {
        var token = await host.TokenAsync(await host.UserAsync(), "alerts:read", "tokens:read");
        using var client = host.Client(token.Secret);

        using var held = await client.GetAsync("/auth/verify?scope=alerts:read%20tokens:read");
        using var missing = await client.GetAsync("/auth/verify?scope=alerts:write");

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Contains("'alerts:write'", (await missing.ProblemAsync(HttpStatusCode.Forbidden)).Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_invalid_and_suspended_tokens_get_401_401_and_403()
    {
        var admin = await host.UserAsync(Role.FullAdmin);
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner);
        Assert.True((await host.Users.DeactivateAsync(admin.Id, owner.Id)).Succeeded);

        using var missing = await host.Client().GetAsync("/auth/verify");
        using var invalid = await host.Client("adp_nope").GetAsync("/auth/verify");
        using var suspended = await host.Client(token.Secret).GetAsync("/auth/verify");

        await missing.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(missing.Headers.WwwAuthenticate);
        await invalid.ProblemAsync(HttpStatusCode.Unauthorized);
        await suspended.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public async Task Any_method_is_verified_as_a_proxy_sends_the_original_one(string method)
    {
        var token = await host.TokenAsync(await host.UserAsync());
        using var request = new HttpRequestMessage(new HttpMethod(method), "/auth/verify");

        using var response = await host.Client(token.Secret).SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(token.Token.Id.ToString(), Header(response, "X-Auth-Token-Id"));
    }

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
