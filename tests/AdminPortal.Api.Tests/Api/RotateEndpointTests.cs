using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.Api;

/// <summary>POST /api/v1/tokens/{guid}/rotate: scopes, self-rotation, the secret once, the old secret's grace.</summary>
public sealed class RotateEndpointTests(ApiHost host) : IClassFixture<ApiHost>
{
    [Fact]
    public async Task Rotate_with_tokens_write_answers_the_new_secret_once_and_the_old_one_works_during_its_grace()
    {
        var owner = await host.UserAsync();
        var writer = await host.TokenAsync(owner, "tokens:read", "tokens:write");
        var target = await host.TokenAsync(owner, "tokens:read");
        var expected = host.Clock.GetUtcNow().AddHours(1);

        using var response = await host.Client(writer.Secret).PostAsync($"/api/v1/tokens/{target.Token.Id}/rotate", JsonContent.Create(new { grace = "PT1H" }));
        var rotated = await response.JsonAsync();
        var secret = rotated.Text("secret");
        host.Secrets.Add(secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(target.Token.Id, Guid.Parse(rotated.GetProperty("token").Text("id")));
        Assert.StartsWith("adp_", secret, StringComparison.Ordinal);
        Assert.Equal(expected, rotated.GetProperty("oldSecretValidUntil").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, (await host.Client(target.Secret).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client(secret).GetAsync("/api/v1/me")).StatusCode);

        // Read again, the token shows until when the old secret works, and never a secret.
        var read = await (await host.Client(writer.Secret).GetAsync($"/api/v1/tokens/{target.Token.Id}")).JsonAsync();
        Assert.Equal(expected, read.GetProperty("oldSecretValidUntil").GetDateTimeOffset());
        Assert.False(read.TryGetProperty("secret", out _));
        var audited = (await host.Audit.QueryAsync(owner.Id, new() { TokenId = target.Token.Id })).Value!.Items;
        Assert.Contains(audited, a => a.Action == AuditAction.TokenRolled && a.Summary.Contains("the old secret works until", StringComparison.Ordinal));

        host.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(target.Secret).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client(secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_without_tokens_write_may_rotate_only_itself_and_without_a_body_its_old_secret_stops_at_once()
    {
        var owner = await host.UserAsync();
        var reader = await host.TokenAsync(owner, "tokens:read");
        var other = await host.TokenAsync(owner, "tokens:read");

        using var refused = await host.Client(reader.Secret).PostAsync($"/api/v1/tokens/{other.Token.Id}/rotate");
        using var self = await host.Client(reader.Secret).PostAsync($"/api/v1/tokens/{reader.Token.Id}/rotate");
        var rotated = await self.JsonAsync();
        host.Secrets.Add(rotated.Text("secret"));

        Assert.Contains("'tokens:write'", (await refused.ProblemAsync(HttpStatusCode.Forbidden)).Text("detail"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, rotated.GetProperty("oldSecretValidUntil").ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(reader.Secret).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client(rotated.Text("secret")).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client(other.Secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_grace_beyond_the_policy_or_not_a_duration_gets_400_naming_grace_and_changes_nothing()
    {
        var admin = await host.UserAsync(Role.FullAdmin, tenant: "graceful");
        Assert.True((await host.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { MaxRotationGraceHours = 1 }, 0)).Succeeded);
        var token = await host.TokenAsync(admin, "tokens:read", "tokens:write");
        using var client = host.Client(token.Secret);

        using var tooLong = await client.PostAsync($"/api/v1/tokens/{token.Token.Id}/rotate", JsonContent.Create(new { grace = "P1D" }));
        using var garbage = await client.PostAsync($"/api/v1/tokens/{token.Token.Id}/rotate", JsonContent.Create(new { grace = "a while" }));

        var policy = (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("grace")[0].GetString();
        Assert.Equal("The token policy's longest rotation grace is 1 hour: a grace period of 1 day is not allowed.", policy);
        Assert.True((await garbage.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("grace", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_rotate_with_its_answer_errors_scope_and_an_example()
    {
        var document = await (await host.Client().GetAsync("/openapi/v1.json")).JsonAsync();

        var rotate = document.GetProperty("paths").GetProperty("/api/v1/tokens/{id}/rotate").GetProperty("post");
        Assert.Equal("RotateToken", rotate.Text("operationId"));
        Assert.Contains("tokens:write", rotate.Text("description"), StringComparison.Ordinal);
        var ok = rotate.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json");
        Assert.Equal("#/components/schemas/RotatedTokenResource", ok.GetProperty("schema").Text("$ref"));
        Assert.True(ok.GetProperty("example").TryGetProperty("secret", out _));
        Assert.Equal("PT1H", rotate.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").Text("grace"));
        foreach (var status in new[] { "400", "401", "403", "404", "409", "429" })
        {
            Assert.True(rotate.GetProperty("responses").TryGetProperty(status, out _), $"rotate does not document {status}");
        }
    }
}
