using AdminPortal.Api.Tests.Api;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Api.Tests.Security;

/// <summary>The API's web security on real Kestrel in Production: headers, no antiforgery for token calls, no details.</summary>
public sealed class ApiSecurityTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string LockedDown = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    [Fact]
    public async Task Api_answers_of_every_kind_carry_the_locked_down_headers_and_no_server_banner()
    {
        var owner = await host.UserAsync(Role.FullAdmin);
        var token = await host.TokenAsync(owner, "tokens:read", "introspect");
        using var client = host.Client(token.Secret);

        var answers = new[]
        {
            await client.GetAsync("/api/v1/me"),
            await client.GetAsync($"/api/v1/tokens/{Guid.NewGuid()}"),
            await host.Client().GetAsync("/api/v1/me"),
            await host.Client(new TokenSecretFormat("adp").Generate()).GetAsync("/auth/verify"),
            await client.PostAsync("/api/v1/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token.Secret })),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK], answers.Select(a => a.StatusCode));
        foreach (var answer in answers)
        {
            using (answer)
            {
                Assert.Equal(LockedDown, Single(answer, "Content-Security-Policy"));
                Assert.Equal("nosniff", Single(answer, "X-Content-Type-Options"));
                Assert.Equal("DENY", Single(answer, "X-Frame-Options"));
                Assert.Equal("no-referrer", Single(answer, "Referrer-Policy"));
                // Real Kestrel: its "Server: Kestrel" banner is switched off.
                Assert.False(answer.Headers.Contains("Server"), "Kestrel sent a Server header.");
                Assert.False(answer.Headers.Contains("X-Powered-By"));
            }
        }
    }

    [Fact]
    public async Task Token_authenticated_posts_need_no_antiforgery_token_since_no_cookie_authenticates_them()
    {
        var owner = await host.UserAsync(Role.FullAdmin);
        var caller = await host.TokenAsync(owner, "tokens:write", "introspect");
        var target = await host.TokenAsync(owner, "tokens:read");
        using var client = host.Client(caller.Secret);

        using var introspection = await client.PostAsync("/api/v1/introspect", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = target.Secret }));
        using var revoke = await client.PostAsync($"/api/v1/tokens/{target.Token.Id}/revoke");

        Assert.True((await introspection.JsonAsync()).GetProperty("active").GetBoolean());
        Assert.Equal("Revoked", (await revoke.JsonAsync()).Text("validity"));
    }

    [Fact]
    public async Task Database_failure_during_authentication_is_a_problem_json_500_without_any_detail()
    {
        ApiHost.RequireSqlite("a database file that can be overwritten with garbage under the running portal");
        await using var broken = new ApiHost();
        using var client = broken.Client(new TokenSecretFormat("adp").Generate());
        using (await client.GetAsync("/healthz"))
        {
        }

        // The database file turns into garbage under the running portal.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(broken.DataDirectory))
        {
            await File.WriteAllTextAsync(file, "this is not a database, and that is the point of this test", TestContext.Current.CancellationToken);
        }

        using var answer = await client.GetAsync("/api/v1/me");

        var problem = await answer.ProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal("Unexpected error", problem.Text("title"));
        var body = problem.GetRawText();
        foreach (var revealing in new[] { "Sqlite", "Exception", "   at ", "database", "Microsoft." })
        {
            Assert.DoesNotContain(revealing, body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(LockedDown, Single(answer, "Content-Security-Policy"));
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values : response.Content.Headers.GetValues(name));
}
