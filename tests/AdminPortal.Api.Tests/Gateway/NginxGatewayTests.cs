using System.Net.Http.Headers;
using System.Text.Json;
using AdminPortal.Api.Tests.Api;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.Gateway;

/// <summary>A real nginx with the shipped deploy/nginx configuration, auth_request to AdminPortal, in front of an echo service.</summary>
public sealed class NginxGatewayTests
{
    [Fact]
    public async Task Valid_token_passes_with_identity_headers_missing_scope_is_403_and_revocation_is_401_at_once()
    {
        await using var portal = ApiHost.WithSettings();
        await using var echo = await EchoService.StartAsync();
        await using var nginx = await NginxProcess.StartAsync(portal.ServerAddress, echo.Address);
        var owner = await portal.UserAsync(name: "Ops Robot");
        var token = await portal.TokenAsync(owner, "alerts:read", "tokens:read");
        using var client = Client(nginx, token.Secret);

        using var passed = await client.GetAsync("/reports/daily");
        var seen = JsonDocument.Parse(await passed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        using var forged = await SendAsync(client, "/reports/daily", ("X-Auth-Owner-Id", "someone-else"));
        using var missingScope = await client.PostAsync("/alerts/new");
        Assert.True((await portal.Tokens.RevokeAsync(owner.Id, token.Token.Id)).Succeeded);
        using var revoked = await client.GetAsync("/reports/daily");

        Assert.True(HttpStatusCode.OK == passed.StatusCode, nginx.ErrorLog);
        Assert.Equal("/reports/daily", seen.Text("path"));
        Assert.Equal((token.Token.Id.ToString(), owner.Id.ToString(), "Ops Robot", owner.TenantId.ToString(), "alerts:read tokens:read"),
            (seen.Text("tokenId"), seen.Text("ownerId"), seen.Text("ownerName"), seen.Text("tenantId"), seen.Text("scopes")));
        Assert.Equal("", seen.Text("authorization"));
        Assert.Contains(owner.Id.ToString(), await forged.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, missingScope.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("invalid_token", revoked.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_held_passes_and_no_token_or_a_suspended_owner_are_refused()
    {
        await using var portal = ApiHost.WithSettings();
        await using var echo = await EchoService.StartAsync();
        await using var nginx = await NginxProcess.StartAsync(portal.ServerAddress, echo.Address);
        var admin = await portal.UserAsync(Role.FullAdmin);
        var owner = await portal.UserAsync();
        var writer = await portal.TokenAsync(owner, "alerts:write");

        using var allowed = await Client(nginx, writer.Secret).PostAsync("/alerts/new");
        using var anonymous = await Client(nginx, null).GetAsync("/reports/daily");
        Assert.True((await portal.Users.DeactivateAsync(admin.Id, owner.Id)).Succeeded);
        using var suspended = await Client(nginx, writer.Secret).PostAsync("/alerts/new");

        Assert.True(HttpStatusCode.OK == allowed.StatusCode, nginx.ErrorLog);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Bearer", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);
    }

    [Fact]
    public async Task Client_that_failed_too_often_gets_429_with_retry_after_through_nginx()
    {
        await using var portal = ApiHost.WithSettings(("Api:FailedAuthenticationLimit", "2"));
        await using var echo = await EchoService.StartAsync();
        await using var nginx = await NginxProcess.StartAsync(portal.ServerAddress, echo.Address);
        using var client = Client(nginx, "adp_wrong");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("/reports/daily")).StatusCode);
        }

        using var limited = await client.GetAsync("/reports/daily");
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.NotNull(limited.Headers.RetryAfter);
    }

    private static HttpClient Client(NginxProcess nginx, string? secret)
    {
        var client = new HttpClient { BaseAddress = nginx.Address };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, (string Name, string Value) header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(header.Name, header.Value);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
