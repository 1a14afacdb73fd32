using System.Text.Json;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Api.Tests.Api;

public sealed class IntrospectionTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Active_token_is_described_with_scope_sub_client_id_and_times()
    {
        var (resourceServer, _) = await ResourceServerAsync();
        var owner = await host.UserAsync();
        var now = host.Clock.GetUtcNow();
        var token = await host.TokenAsync(owner, new TokenDraft { Scopes = ["alerts:read", "tokens:read"], ValidTo = now.AddHours(1) });

        var answer = await IntrospectAsync(resourceServer, token.Secret);

        Assert.True(answer.GetProperty("active").GetBoolean());
        Assert.Equal("alerts:read tokens:read", answer.Text("scope"));
        Assert.Equal(owner.Id.ToString(), answer.Text("sub"));
        Assert.Equal(token.Token.Id.ToString(), answer.Text("client_id"));
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds(), answer.GetProperty("exp").GetInt64());
        Assert.Equal(token.Token.CreatedAt.ToUnixTimeSeconds(), answer.GetProperty("iat").GetInt64());
        Assert.Equal(token.Token.CreatedAt.ToUnixTimeSeconds(), answer.GetProperty("nbf").GetInt64());
        Assert.Equal("Bearer", answer.Text("token_type"));
    }

    [Fact]
    public async Task Every_inactive_token_is_only_active_false()
    {
        var (resourceServer, admin) = await ResourceServerAsync();
        var owner = await host.UserAsync();
        var revoked = await host.TokenAsync(owner);
        Assert.True((await host.Tokens.RevokeAsync(owner.Id, revoked.Token.Id)).Succeeded);
        var suspendedOwner = await host.UserAsync();
        var suspended = await host.TokenAsync(suspendedOwner);
        Assert.True((await host.Users.DeactivateAsync(admin.Id, suspendedOwner.Id)).Succeeded);
        var foreign = await host.TokenAsync(await host.UserAsync(tenant: "elsewhere"));
        var scheduled = await host.TokenAsync(owner, new TokenDraft { Scopes = ["tokens:read"], ValidFrom = host.Clock.GetUtcNow().AddDays(1) });

        string[] inactive = [revoked.Secret, suspended.Secret, foreign.Secret, scheduled.Secret, new TokenSecretFormat("adp").Generate(), "garbage", revoked.Secret + "x"];
        foreach (var secret in inactive)
        {
            var answer = await IntrospectAsync(resourceServer, secret);
            Assert.Equal("""{"active":false}""", answer.GetRawText());
        }
    }

    [Fact]
    public async Task Caller_needs_the_introspect_scope_and_a_token_parameter()
    {
        var (resourceServer, _) = await ResourceServerAsync();
        var withoutScope = await host.TokenAsync(await host.UserAsync());

        using var refused = await host.Client(withoutScope.Secret).PostAsync("/api/v1/introspect", Form(("token", withoutScope.Secret)));
        using var anonymous = await host.Client().PostAsync("/api/v1/introspect", Form(("token", withoutScope.Secret)));
        using var missing = await host.Client(resourceServer).PostAsync("/api/v1/introspect", Form(("tok", "x")));
        using var twice = await host.Client(resourceServer).PostAsync("/api/v1/introspect", Form(("token", "a"), ("token", "b")));
        using var json = await host.Client(resourceServer).PostAsync("/api/v1/introspect", new StringContent("""{"token":"x"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("'introspect'", (await refused.ProblemAsync(HttpStatusCode.Forbidden)).Text("detail"), StringComparison.Ordinal);
        await anonymous.ProblemAsync(HttpStatusCode.Unauthorized);
        await missing.ProblemAsync(HttpStatusCode.BadRequest);
        await twice.ProblemAsync(HttpStatusCode.BadRequest);
        await json.ProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<(string Secret, PortalUser Admin)> ResourceServerAsync()
    {
        var admin = await host.UserAsync(Role.FullAdmin);
        return ((await host.TokenAsync(admin, "introspect")).Secret, admin);
    }

    private async Task<JsonElement> IntrospectAsync(string callerSecret, string token)
    {
        using var response = await host.Client(callerSecret).PostAsync("/api/v1/introspect", Form(("token", token)));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.JsonAsync();
    }

    internal static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));
}
