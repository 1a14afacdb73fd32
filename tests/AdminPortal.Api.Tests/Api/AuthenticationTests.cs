using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Tests.Api;

public sealed class AuthenticationTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Call_without_credentials_gets_401_with_a_bearer_challenge()
    {
        using var response = await host.Client().GetAsync("/api/v1/me");

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"AdminPortal API\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("Authentication required", problem.Text("title"));
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer a b")]
    [InlineData("adp_4fGk2")]
    public async Task Malformed_authorization_header_gets_401_invalid_request(string header)
    {
        using var client = host.Client();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        using var response = await client.GetAsync("/api/v1/me");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("error=\"invalid_request\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_expired_not_yet_valid_revoked_and_garbage_tokens_get_the_same_401()
    {
        var owner = await host.UserAsync();
        var now = host.Clock.GetUtcNow();
        var expiring = await host.TokenAsync(owner, new TokenDraft { Scopes = ["tokens:read"], ValidTo = now.AddMinutes(5) });
        var scheduled = await host.TokenAsync(owner, new TokenDraft { Scopes = ["tokens:read"], ValidFrom = now.AddDays(1) });
        var revoked = await host.TokenAsync(owner);
        Assert.True((await host.Tokens.RevokeAsync(owner.Id, revoked.Token.Id)).Succeeded);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        string[] secrets = [new TokenSecretFormat("adp").Generate(), expiring.Secret, scheduled.Secret, revoked.Secret, "adp_garbage", revoked.Secret[..^1] + "x"];

        var bodies = new List<string>();
        foreach (var secret in secrets)
        {
            using var response = await host.Client(secret).GetAsync("/api/v1/me");
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer realm=\"AdminPortal API\", error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
            bodies.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        Assert.Single(bodies.Distinct());
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("bearer")]
    [InlineData("Token")]
    public async Task Valid_token_is_accepted_with_the_bearer_or_token_scheme(string scheme)
    {
        var owner = await host.UserAsync();
        var created = await host.TokenAsync(owner);

        using var response = await host.Client(created.Secret, scheme).GetAsync("/api/v1/me");

        Assert.Equal(created.Token.Id.ToString(), (await response.JsonAsync()).Text("id"));
    }

    [Fact]
    public async Task Token_of_a_deactivated_owner_gets_403_permission_denied_without_a_challenge()
    {
        var admin = await host.UserAsync(Role.FullAdmin);
        var owner = await host.UserAsync();
        var created = await host.TokenAsync(owner);
        using var client = host.Client(created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        Assert.True((await host.Users.DeactivateAsync(admin.Id, owner.Id)).Succeeded);
        using var response = await client.GetAsync("/api/v1/me");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Permission denied", problem.Text("title"));
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Token_without_the_endpoints_scope_gets_403_naming_the_scope()
    {
        var owner = await host.UserAsync();
        var created = await host.TokenAsync(owner, "alerts:read");

        using var response = await host.Client(created.Secret).GetAsync("/api/v1/tokens");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("'tokens:read'", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scope_the_owner_lost_is_refused_although_the_token_holds_it()
    {
        var owner = await host.UserAsync(Role.FullAdmin);
        var created = await host.TokenAsync(owner, "audit:read", "tokens:read");
        using var client = host.Client(created.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audit")).StatusCode);

        await host.Users.SignInAsync(new Tokens.Users.SignInProfile("contoso", "CONTOSO", owner.SubjectId, owner.DisplayName, owner.Email, Role.User));
        using var response = await client.GetAsync("/api/v1/audit");

        Assert.Contains("'audit:read'", (await response.ProblemAsync(HttpStatusCode.Forbidden)).Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoked_rolled_and_deleted_tokens_are_rejected_on_the_very_next_call()
    {
        var owner = await host.UserAsync();
        var revoked = await host.TokenAsync(owner, "tokens:read", "tokens:write");
        var rolled = await host.TokenAsync(owner);
        var deleted = await host.TokenAsync(owner);
        foreach (var secret in new[] { revoked.Secret, rolled.Secret, deleted.Secret })
        {
            Assert.Equal(HttpStatusCode.OK, (await host.Client(secret).GetAsync("/api/v1/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client(revoked.Secret).PostAsync($"/api/v1/tokens/{revoked.Token.Id}/revoke")).StatusCode);
        var newSecret = (await host.Tokens.RollAsync(owner.Id, rolled.Token.Id)).Value!.Secret;
        Assert.True((await host.Tokens.DeleteAsync(owner.Id, deleted.Token.Id)).Succeeded);

        foreach (var secret in new[] { revoked.Secret, rolled.Secret, deleted.Secret })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(secret).GetAsync("/api/v1/me")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client(newSecret).GetAsync("/api/v1/me")).StatusCode);
    }
}
