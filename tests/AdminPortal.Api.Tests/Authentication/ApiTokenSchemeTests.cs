using AdminPortal.Api.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Authentication;

/// <summary>
/// The ApiToken authentication scheme (for endpoints protected with [Authorize(AuthenticationSchemes = "ApiToken")]) answers
/// as the API's own endpoints do: both ask the same authenticator.
/// </summary>
public sealed class ApiTokenSchemeTests(ApiHost host) : IClassFixture<ApiHost>, IDisposable
{
    private readonly List<IServiceScope> _requests = [];

    public void Dispose() => _requests.ForEach(r => r.Dispose());

    [Fact]
    public async Task Scheme_authenticates_a_valid_token_as_the_token_and_its_owner()
    {
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner, "tokens:read");

        var result = await AuthenticateAsync("Bearer " + token.Secret);

        Assert.True(result.Succeeded);
        Assert.Equal(ApiTokenDefaults.Scheme, result.Ticket!.AuthenticationScheme);
        Assert.Equal(owner.Id.ToString(), result.Principal!.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
        Assert.Equal(token.Token.Id.ToString(), result.Principal.FindFirst("token_id")?.Value);
        Assert.Equal(["tokens:read"], result.Principal.FindAll("scope").Select(c => c.Value));
    }

    [Fact]
    public async Task Scheme_without_credentials_has_no_result_and_challenges_like_the_api()
    {
        var result = await AuthenticateAsync(null);
        var (status, challenge) = await ChallengeAsync(null);
        using var api = await host.Client().GetAsync("/api/v1/me");

        Assert.True(result.None);
        Assert.Equal((HttpStatusCode.Unauthorized, api.Headers.WwwAuthenticate.ToString()), ((HttpStatusCode)status, challenge));
    }

    [Fact]
    public async Task Scheme_refuses_a_revoked_token_with_the_apis_invalid_token_challenge()
    {
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner);
        Assert.True((await host.Tokens.RevokeAsync(owner.Id, token.Token.Id)).Succeeded);

        var result = await AuthenticateAsync("Bearer " + token.Secret);
        var (status, challenge) = await ChallengeAsync("Bearer " + token.Secret);
        using var api = await host.Client(token.Secret).GetAsync("/api/v1/me");

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal((401, "Bearer realm=\"AdminPortal API\", error=\"invalid_token\""), (status, challenge));
        Assert.Equal(api.Headers.WwwAuthenticate.ToString(), challenge);
    }

    private Task<AuthenticateResult> AuthenticateAsync(string? authorization) =>
        Request(authorization).AuthenticateAsync(ApiTokenDefaults.Scheme);

    private async Task<(int Status, string Challenge)> ChallengeAsync(string? authorization)
    {
        var context = Request(authorization);
        await context.ChallengeAsync(ApiTokenDefaults.Scheme);
        return (context.Response.StatusCode, context.Response.Headers.WWWAuthenticate.ToString());
    }

    private DefaultHttpContext Request(string? authorization)
    {
        // One scope per request, as the server makes: the handler provider keeps one handler (and its result) per scope.
        var scope = host.Services.CreateScope();
        _requests.Add(scope);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
        context.Response.Body = Stream.Null;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        return context;
    }
}
