using System.Text.Json;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Api;

public sealed class EndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Me_describes_the_calling_token_its_owner_tenant_scopes_and_validity()
    {
        var owner = await host.UserAsync(name: "Dana Scully");
        var validTo = host.Clock.GetUtcNow().AddDays(30);
        var created = await host.TokenAsync(owner, new TokenDraft { Name = "ci", Scopes = ["tokens:read", "alerts:read"], ValidTo = validTo });

        var me = await (await host.Client(created.Secret).GetAsync("/api/v1/me")).JsonAsync();

        Assert.Equal(created.Token.Id.ToString(), me.Text("id"));
        Assert.Equal(("ci", "Dana Scully", owner.Id.ToString(), owner.TenantId.ToString()), (me.Text("name"), me.Text("ownerName"), me.Text("ownerId"), me.Text("tenantId")));
        Assert.Equal(["alerts:read", "tokens:read"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(validTo, me.GetProperty("validTo").GetDateTimeOffset());
        Assert.Equal("active", me.Text("status"));
    }

    [Fact]
    public async Task Token_list_shows_what_the_owner_may_see_with_filters_sort_and_paging()
    {
        var owner = await host.UserAsync();
        var colleague = await host.UserAsync();
        var caller = await host.TokenAsync(owner, new TokenDraft { Name = "alpha caller", Scopes = ["tokens:read"] });
        await host.TokenAsync(owner, new TokenDraft { Name = "beta deploy", Scopes = ["alerts:read"] });
        await host.TokenAsync(owner, new TokenDraft { Name = "gamma deploy", Scopes = ["alerts:read"] });
        await host.TokenAsync(colleague, new TokenDraft { Name = "colleague's deploy", Scopes = ["alerts:read"] });
        using var client = host.Client(caller.Secret);

        var byName = await (await client.GetAsync("/api/v1/tokens?name=deploy&sort=name&order=asc&pageSize=1&page=2")).JsonAsync();
        var byScope = await (await client.GetAsync("/api/v1/tokens?scope=tokens:read")).JsonAsync();

        Assert.Equal(2, byName.GetProperty("total").GetInt32());
        Assert.Equal(["gamma deploy"], Names(byName));
        Assert.Equal(["alpha caller"], Names(byScope));
    }

    [Fact]
    public async Task Full_admins_token_lists_the_whole_tenant_with_all_true_and_others_get_403_for_it()
    {
        var admin = await host.UserAsync(Role.FullAdmin, tenant: "initech");
        var user = await host.UserAsync(tenant: "initech");
        var adminToken = await host.TokenAsync(admin);
        var userToken = await host.TokenAsync(user);

        var all = await (await host.Client(adminToken.Secret).GetAsync("/api/v1/tokens?all=true&status=any")).JsonAsync();
        using var refused = await host.Client(userToken.Secret).GetAsync("/api/v1/tokens?all=true");

        Assert.Equal(new[] { adminToken.Token.Id, userToken.Token.Id }.Order(), all.GetProperty("items").EnumerateArray().Select(t => Guid.Parse(t.Text("id"))).Order());
        await refused.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("sort=bogus", "sort")]
    [InlineData("order=sideways", "order")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=1000", "pageSize")]
    [InlineData("status=dead", "status")]
    [InlineData("usage=often", "usage")]
    [InlineData("all=maybe", "all")]
    [InlineData("owner=nobody", "owner")]
    [InlineData("guid=xyz", "GuidPrefix")]
    [InlineData("page=101&pageSize=100", "Page")]
    public async Task Bad_list_parameter_gets_400_naming_it(string query, string parameter)
    {
        var owner = await host.UserAsync();
        var created = await host.TokenAsync(owner);

        using var response = await host.Client(created.Secret).GetAsync($"/api/v1/tokens?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Token_by_guid_is_found_for_its_owner_and_not_found_for_others()
    {
        var owner = await host.UserAsync();
        var colleague = await host.UserAsync();
        var foreigner = await host.UserAsync(Role.FullAdmin, tenant: "umbrella");
        var target = await host.TokenAsync(owner);

        var found = await (await host.Client(target.Secret).GetAsync($"/api/v1/tokens/{target.Token.Id}")).JsonAsync();
        using var colleagues = await host.Client((await host.TokenAsync(colleague)).Secret).GetAsync($"/api/v1/tokens/{target.Token.Id}");
        using var foreign = await host.Client((await host.TokenAsync(foreigner)).Secret).GetAsync($"/api/v1/tokens/{target.Token.Id}");
        using var notAGuid = await host.Client(target.Secret).GetAsync("/api/v1/tokens/not-a-guid");

        Assert.Equal(target.Token.Name, found.Text("name"));
        await colleagues.ProblemAsync(HttpStatusCode.NotFound);
        await foreign.ProblemAsync(HttpStatusCode.NotFound);
        await notAGuid.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Revoke_needs_tokens_write_revokes_at_once_and_a_second_revoke_is_a_conflict()
    {
        var owner = await host.UserAsync();
        var reader = await host.TokenAsync(owner, "tokens:read");
        var writer = await host.TokenAsync(owner, "tokens:read", "tokens:write");
        var target = await host.TokenAsync(owner);

        using var withoutScope = await host.Client(reader.Secret).PostAsync($"/api/v1/tokens/{target.Token.Id}/revoke");
        var revoked = await (await host.Client(writer.Secret).PostAsync($"/api/v1/tokens/{target.Token.Id}/revoke")).JsonAsync();
        using var again = await host.Client(writer.Secret).PostAsync($"/api/v1/tokens/{target.Token.Id}/revoke");

        Assert.Contains("'tokens:write'", (await withoutScope.ProblemAsync(HttpStatusCode.Forbidden)).Text("detail"), StringComparison.Ordinal);
        Assert.Equal("Revoked", revoked.Text("validity"));
        await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(target.Secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Audit_needs_audit_read_and_pages_newest_first_with_filters()
    {
        var admin = await host.UserAsync(Role.FullAdmin, tenant: "audited");
        var auditor = await host.TokenAsync(admin, "audit:read");
        var target = await host.TokenAsync(admin);
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await host.Tokens.RevokeAsync(admin.Id, target.Token.Id)).Succeeded);
        using var client = host.Client(auditor.Secret);

        var page = await (await client.GetAsync($"/api/v1/audit?token={target.Token.Id}&pageSize=1")).JsonAsync();
        using var badRange = await client.GetAsync("/api/v1/audit?from=yesterday");
        using var withoutScope = await host.Client(target.Secret).GetAsync("/api/v1/audit");

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal("TokenRevoked", page.GetProperty("items")[0].Text("action"));
        Assert.True((await badRange.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutScope.StatusCode);

        // The next page through the cursor: the older entry, and no cursor after it.
        var next = await (await client.GetAsync($"/api/v1/audit?token={target.Token.Id}&pageSize=1&after={Uri.EscapeDataString(page.Text("next"))}")).JsonAsync();
        Assert.Equal("TokenCreated", next.GetProperty("items")[0].Text("action"));
        Assert.Equal(JsonValueKind.Null, next.GetProperty("next").ValueKind);
        using var badCursor = await client.GetAsync("/api/v1/audit?after=nonsense");
        using var tooDeep = await client.GetAsync("/api/v1/audit?page=101&pageSize=100");
        Assert.True((await badCursor.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("After", out _));
        Assert.True((await tooDeep.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("Page", out _));
    }

    [Fact]
    public async Task Unknown_api_path_gets_a_problem_404()
    {
        using var response = await host.Client().GetAsync("/api/v1/no-such-thing");

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_document_describes_every_endpoint_and_the_token_scheme()
    {
        var document = await (await host.Client().GetAsync("/openapi/v1.json")).JsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            ["/api/v1/audit", "/api/v1/introspect", "/api/v1/me", "/api/v1/tokens", "/api/v1/tokens/{id}", "/api/v1/tokens/{id}/restore", "/api/v1/tokens/{id}/revoke", "/api/v1/tokens/{id}/rotate", "/api/v1/tokens/{id}/usage", "/auth/verify"],
            paths.Order(StringComparer.Ordinal));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiToken").Text("scheme"));
    }

    [Fact]
    public async Task Usage_answers_the_addresses_and_the_daily_calls_accepted_and_refused_by_reason()
    {
        var owner = await host.UserAsync();
        var colleague = await host.UserAsync();
        var caller = await host.TokenAsync(owner, new TokenDraft { Name = "usage caller", Scopes = ["tokens:read"] });
        var colleagues = await host.TokenAsync(colleague, new TokenDraft { Name = "usage colleague", Scopes = ["tokens:read"] });
        using var client = host.Client(caller.Secret);
        (await client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        (await client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
        using var noScope = await client.PostAsync($"/api/v1/tokens/{caller.Token.Id}/revoke", null);
        await host.Services.GetRequiredService<UsageRecorder>().FlushAsync(TestContext.Current.CancellationToken);

        var usage = await (await client.GetAsync($"/api/v1/tokens/{caller.Token.Id}/usage?days=90")).JsonAsync();
        using var badDays = await client.GetAsync($"/api/v1/tokens/{caller.Token.Id}/usage?days=7");
        using var notVisible = await client.GetAsync($"/api/v1/tokens/{colleagues.Token.Id}/usage");

        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Equal((90, 2L, 1L), (usage.GetProperty("days").GetInt32(), usage.GetProperty("accepted").GetInt64(), usage.GetProperty("refused").GetInt64()));
        var today = usage.GetProperty("daily").EnumerateArray().Last();
        Assert.Equal(usage.Text("to"), today.Text("day"));
        Assert.Equal(1, today.GetProperty("refusedByReason").GetProperty("insufficient_scope").GetInt64());
        Assert.Equal(["127.0.0.1"], usage.GetProperty("addresses").EnumerateArray().Select(a => a.Text("address")));
        Assert.Contains("days", (await badDays.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        await notVisible.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_document_gives_the_usage_answer_a_schema()
    {
        var document = await (await host.Client().GetAsync("/openapi/v1.json")).JsonAsync();

        var ok = document.GetProperty("paths").GetProperty("/api/v1/tokens/{id}/usage").GetProperty("get").GetProperty("responses").GetProperty("200");
        var reference = ok.GetProperty("content").GetProperty("application/json").GetProperty("schema").Text("$ref");
        var schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.Split('/')[^1]);
        Assert.Equal(
            ["accepted", "addresses", "daily", "days", "from", "refused", "to", "tokenId"],
            schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Names(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(t => t.Text("name"));
}
