using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminPortal.Tokens.Audit;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.Api;

/// <summary>
/// Create, edit (ETag and If-Match), restore and delete over HTTP, with the token service's rules and audit; and the
/// listing's date ranges.
/// </summary>
public sealed class TokenWriteEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Create_answers_201_with_location_etag_and_the_secret_once_and_the_secret_works()
    {
        var owner = await host.UserAsync();
        using var client = host.Client((await host.TokenAsync(owner, "tokens:read", "tokens:write")).Secret);

        using var created = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "made by API", scopes = new[] { "tokens:read" }, description = "ci" },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var id = body.GetProperty("token").Text("id");
        Assert.Equal($"/api/v1/tokens/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal("no-store", created.Headers.CacheControl?.ToString());
        using var withNew = host.Client(body.Text("secret"));
        Assert.Equal(id, (await (await withNew.GetAsync("/api/v1/me", TestContext.Current.CancellationToken)).JsonAsync()).Text("id"));

        using var again = await client.GetAsync($"/api/v1/tokens/{id}", TestContext.Current.CancellationToken);
        Assert.False((await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains(body.Text("secret"), StringComparison.Ordinal));
        var audit = await host.Audit.QueryAsync(owner.Id, new AuditQuery { TokenId = Guid.Parse(id) }, TestContext.Current.CancellationToken);
        Assert.Equal([AuditAction.TokenCreated], audit.Value!.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task Create_refuses_with_the_services_rules_and_a_scope_the_calling_token_lacks()
    {
        var owner = await host.UserAsync();
        using var client = host.Client((await host.TokenAsync(owner, "tokens:read", "tokens:write")).Secret);

        using var beyond = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "stronger", scopes = new[] { "alerts:write" } }, TestContext.Current.CancellationToken);
        var problem = await beyond.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("calling token does not hold 'alerts:write'", problem.GetProperty("errors").GetProperty("Scopes")[0].GetString(), StringComparison.Ordinal);

        using var unnamed = await client.PostAsJsonAsync("/api/v1/tokens", new { scopes = new[] { "tokens:read" } }, TestContext.Current.CancellationToken);
        Assert.True((await unnamed.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("Name", out _));

        using var first = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "twice", scopes = new[] { "tokens:read" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "TWICE", scopes = new[] { "tokens:read" } }, TestContext.Current.CancellationToken);
        await second.ProblemAsync(HttpStatusCode.Conflict);

        using var readOnly = host.Client((await host.TokenAsync(owner, "tokens:read")).Secret);
        using var refused = await readOnly.PostAsJsonAsync("/api/v1/tokens", new { name = "x", scopes = new[] { "tokens:read" } }, TestContext.Current.CancellationToken);
        Assert.Equal("Missing scope", (await refused.ProblemAsync(HttpStatusCode.Forbidden)).Text("title"));
    }

    [Fact]
    public async Task An_edit_needs_the_current_etag_in_if_match_428_without_it_412_when_stale()
    {
        var owner = await host.UserAsync();
        using var client = host.Client((await host.TokenAsync(owner, "tokens:read", "tokens:write")).Secret);
        var target = (await host.TokenAsync(owner, new AdminPortal.Tokens.Service.TokenDraft { Name = "to edit", Scopes = ["tokens:read"], Description = "kept" })).Token.Id;
        using var read = await client.GetAsync($"/api/v1/tokens/{target}", TestContext.Current.CancellationToken);
        var etag = read.Headers.ETag!.Tag;

        using var missing = await client.PatchAsJsonAsync($"/api/v1/tokens/{target}", new { name = "renamed" }, TestContext.Current.CancellationToken);
        Assert.Equal("Precondition required", (await missing.ProblemAsync((HttpStatusCode)428)).Text("title"));

        using var patched = await client.SendAsync(Edit(HttpMethod.Patch, target, etag, new { name = "renamed" }), TestContext.Current.CancellationToken);
        var body = await patched.JsonAsync();
        Assert.Equal(("renamed", "kept"), (body.Text("name"), body.Text("description")));
        Assert.NotEqual(etag, patched.Headers.ETag!.Tag);

        using var stale = await client.SendAsync(Edit(HttpMethod.Patch, target, etag, new { name = "lost" }), TestContext.Current.CancellationToken);
        await stale.ProblemAsync(HttpStatusCode.PreconditionFailed);

        using var replaced = await client.SendAsync(Edit(HttpMethod.Put, target, patched.Headers.ETag!.Tag, new { name = "replaced", scopes = new[] { "tokens:read" } }),
            TestContext.Current.CancellationToken);
        var whole = await replaced.JsonAsync();
        Assert.Equal(("replaced", ""), (whole.Text("name"), whole.Text("description")));
        Assert.Equal("replaced", (await host.Tokens.GetAsync(owner.Id, target, TestContext.Current.CancellationToken)).Value!.Name);
    }

    [Fact]
    public async Task Restore_and_delete_go_through_the_service_and_a_deleted_token_is_gone()
    {
        var owner = await host.UserAsync();
        using var client = host.Client((await host.TokenAsync(owner, "tokens:read", "tokens:write")).Secret);
        var target = (await host.TokenAsync(owner)).Token.Id;

        using var notRevoked = await client.PostAsync($"/api/v1/tokens/{target}/restore", null, TestContext.Current.CancellationToken);
        await notRevoked.ProblemAsync(HttpStatusCode.Conflict);
        using var revoked = await client.PostAsync($"/api/v1/tokens/{target}/revoke", null, TestContext.Current.CancellationToken);
        using var restored = await client.PostAsync($"/api/v1/tokens/{target}/restore", null, TestContext.Current.CancellationToken);
        Assert.Equal("Valid", (await restored.JsonAsync()).Text("validity"));

        using var deleted = await client.DeleteAsync($"/api/v1/tokens/{target}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await client.GetAsync($"/api/v1/tokens/{target}", TestContext.Current.CancellationToken);
        await gone.ProblemAsync(HttpStatusCode.NotFound);
        using var twice = await client.DeleteAsync($"/api/v1/tokens/{target}", TestContext.Current.CancellationToken);
        await twice.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_listing_filters_by_date_ranges_and_names_a_bad_date()
    {
        var owner = await host.UserAsync();
        var now = host.Clock.GetUtcNow();
        using var client = host.Client((await host.TokenAsync(owner, "tokens:read")).Secret);
        var soon = (await host.TokenAsync(owner, new AdminPortal.Tokens.Service.TokenDraft { Scopes = ["tokens:read"], ValidTo = now.AddDays(3) })).Token.Id;
        await host.TokenAsync(owner, new AdminPortal.Tokens.Service.TokenDraft { Scopes = ["tokens:read"], ValidTo = now.AddDays(40) });

        using var page = await client.GetAsync($"/api/v1/tokens?expiresFrom={Uri.EscapeDataString(now.ToString("O"))}&expiresTo={Uri.EscapeDataString(now.AddDays(7).ToString("O"))}",
            TestContext.Current.CancellationToken);
        Assert.Equal([soon.ToString()], (await page.JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.Text("id")));

        using var bad = await client.GetAsync("/api/v1/tokens?lastUsedFrom=yesterday", TestContext.Current.CancellationToken);
        Assert.True((await bad.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("lastUsedFrom", out _));
        using var reversed = await client.GetAsync($"/api/v1/tokens?createdFrom=2026-12-02T00:00:00Z&createdTo=2026-12-01T00:00:00Z", TestContext.Current.CancellationToken);
        Assert.True((await reversed.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("CreatedTo", out _));
    }

    private static HttpRequestMessage Edit(HttpMethod method, Guid token, string etag, object body)
    {
        var request = new HttpRequestMessage(method, $"/api/v1/tokens/{token}") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
        return request;
    }
}
