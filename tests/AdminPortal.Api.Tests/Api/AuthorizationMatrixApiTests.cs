using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Authorization;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Api;

/// <summary>
/// Every cell of <see cref="AuthorizationMatrix"/> through the REST API, with an API token of each kind of actor carrying
/// every scope the actor's role holds (none for the anonymous caller). Operations the API does not offer are tried with
/// the requests a client would guess; they answer 404 or 405 and change nothing.
/// </summary>
public sealed class AuthorizationMatrixApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string Home = "acme";
    private const string Away = "globex";

    public static TheoryData<string> Cells() => [.. AuthorizationMatrix.Cells.Select(c => c.ToString())];

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Api_answers_every_cell_as_the_matrix_says(string name)
    {
        var cell = AuthorizationMatrix.Cells.Single(c => c.ToString() == name);
        var scene = await SceneAsync(cell);
        var before = await SnapshotAsync(scene);
        using var client = host.Client(scene.Secret);

        if (cell.Api == ApiAnswer.NoRoute)
        {
            foreach (var request in GuessedRequests(cell.Operation, scene))
            {
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed,
                    $"{cell}: {request.Method} {request.RequestUri} answered {(int)response.StatusCode}, not 404 or 405");
            }

            Assert.Equal(before, await SnapshotAsync(scene));
            return;
        }

        using var answer = await client.SendAsync(await RequestAsync(cell, scene), TestContext.Current.CancellationToken);
        switch (cell.Api)
        {
            case ApiAnswer.Ok when cell.Operation == Operation.Delete:
                Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
                Assert.False((await host.Tokens.GetAsync(scene.TargetUser, scene.Token, TestContext.Current.CancellationToken)).Succeeded, $"{cell}: the token is still there");
                return;
            case ApiAnswer.Ok:
                Assert.True(Contains(cell, await answer.JsonAsync(), scene), $"{cell}: the answer lacks the target");
                return;
            case ApiAnswer.OkWithoutTarget:
                Assert.False(Contains(cell, await answer.JsonAsync(), scene), $"{cell}: the answer shows the target");
                if (cell.Operation == Operation.List && !scene.ActorIsAdmin)
                {
                    using var tenantWide = await client.GetAsync($"/api/v1/tokens?status=any&all=true&guid={scene.Token}");
                    await tenantWide.ProblemAsync(HttpStatusCode.Forbidden);
                }

                break;
            case ApiAnswer.NotFound:
                await answer.ProblemAsync(HttpStatusCode.NotFound);
                break;
            case ApiAnswer.Forbidden:
                await answer.ProblemAsync(HttpStatusCode.Forbidden);
                break;
            case ApiAnswer.MissingScope:
                Assert.Equal("Missing scope", (await answer.ProblemAsync(HttpStatusCode.Forbidden)).Text("title"));
                break;
            case ApiAnswer.PermissionDenied:
                Assert.Equal("Permission denied", (await answer.ProblemAsync(HttpStatusCode.Forbidden)).Text("title"));
                break;
            case ApiAnswer.Unauthorized:
                await answer.ProblemAsync(HttpStatusCode.Unauthorized);
                break;
        }

        Assert.Equal(before, await SnapshotAsync(scene));
    }

    private sealed record Scene(string? Secret, bool ActorIsAdmin, Guid Token, Guid TargetUser, Guid[] Tenants);

    private async Task<Scene> SceneAsync(Cell cell)
    {
        var admin = await host.UserAsync(Role.FullAdmin, Home);
        var (actor, tenant) = cell.Actor switch
        {
            Actor.FullAdmin => (await host.UserAsync(Role.FullAdmin, Home), Home),
            Actor.SecurityReader => (await host.UserAsync(Role.SecurityReader, Home), Home),
            Actor.User or Actor.DeactivatedUser => (await host.UserAsync(Role.User, Home), Home),
            Actor.OtherTenantUser => (await host.UserAsync(Role.FullAdmin, Away), Away),
            _ => (await host.UserAsync(Role.User, Home), Home),
        };
        var colleague = await host.UserAsync(Role.User, tenant);
        var outsider = await host.UserAsync(Role.User, tenant == Home ? Away : Home);
        var owner = cell.Target switch
        {
            Target.Own => actor,
            Target.SameTenantOther => colleague,
            _ => outsider,
        };

        string? secret = null;
        if (cell.Actor != Actor.Anonymous)
        {
            secret = (await host.TokenAsync(actor, [.. AuthorizationMatrix.ScopesOf(cell.Actor)])).Secret;
        }

        var token = (await host.TokenAsync(owner, "tokens:read")).Token.Id;
        if (cell.Operation == Operation.Restore)
        {
            Assert.True((await host.Tokens.RevokeAsync(owner.Id, token)).Succeeded);
        }

        if (cell.Actor == Actor.DeactivatedUser)
        {
            Assert.True((await host.Users.DeactivateAsync(admin.Id, actor.Id)).Succeeded);
        }

        return new Scene(secret, cell.Actor is Actor.FullAdmin or Actor.OtherTenantUser, token, owner.Id, [admin.TenantId, outsider.TenantId]);
    }

    private async Task<HttpRequestMessage> RequestAsync(Cell cell, Scene scene)
    {
        var token = $"/api/v1/tokens/{scene.Token}";
        switch (cell.Operation)
        {
            case Operation.List:
                return new(HttpMethod.Get, $"/api/v1/tokens?status=any&guid={scene.Token}" + (scene.ActorIsAdmin ? "&all=true" : ""));
            case Operation.View:
                return new(HttpMethod.Get, token);
            case Operation.Create:
                // The actor's own token is created without an owner; for anyone else, the target user is named.
                return new(HttpMethod.Post, "/api/v1/tokens")
                {
                    Content = JsonContent.Create(new { name = "made through the API", scopes = new[] { "tokens:read" }, ownerId = cell.Target == Target.Own ? (Guid?)null : scene.TargetUser }),
                };
            case Operation.Edit:
                // The ETag the owner would have read: the refusal must come from who asks, not from a stale version.
                var edit = new HttpRequestMessage(HttpMethod.Patch, token) { Content = JsonContent.Create(new { name = "renamed through the API" }) };
                edit.Headers.TryAddWithoutValidation("If-Match", $"\"{await VersionAsync(scene.Token)}\"");
                return edit;
            case Operation.Revoke:
                return new(HttpMethod.Post, token + "/revoke");
            case Operation.Restore:
                return new(HttpMethod.Post, token + "/restore");
            case Operation.Delete:
                return new(HttpMethod.Delete, token);
            case Operation.Roll:
                return new(HttpMethod.Post, token + "/rotate");
            case Operation.Audit:
                return new(HttpMethod.Get, $"/api/v1/audit?token={scene.Token}");
            default:
                throw new ArgumentOutOfRangeException(nameof(cell));
        }
    }

    private async Task<int> VersionAsync(Guid token)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Tokens.Where(t => t.Id == token).Select(t => t.Version).SingleAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Whether a 2xx answer holds the target: the token itself (changed as asked), the token in the list, entries about it,
    /// or, for a create, a new token owned by the target user.
    /// </summary>
    private static bool Contains(Cell cell, JsonElement body, Scene scene) => cell.Operation switch
    {
        Operation.View or Operation.Revoke or Operation.Restore => Guid.Parse(body.Text("id")) == scene.Token,
        Operation.Edit => Guid.Parse(body.Text("id")) == scene.Token && body.Text("name") == "renamed through the API",
        Operation.Roll => Guid.Parse(body.GetProperty("token").Text("id")) == scene.Token,
        Operation.Create => Guid.Parse(body.GetProperty("token").Text("ownerId")) == scene.TargetUser && body.Text("secret").StartsWith("adp_", StringComparison.Ordinal),
        Operation.List => body.GetProperty("items").EnumerateArray().Any(t => Guid.Parse(t.Text("id")) == scene.Token),
        _ => body.GetProperty("items").EnumerateArray().Any(e => e.GetProperty("tokenId").GetString() == scene.Token.ToString()),
    };

    /// <summary>The requests a client would try for an operation that the API does not offer.</summary>
    private static IEnumerable<HttpRequestMessage> GuessedRequests(Operation operation, Scene scene)
    {
        var user = $"/api/v1/users/{scene.TargetUser}";
        var body = JsonContent.Create(new { name = "guessed", scopes = new[] { "tokens:read" }, ownerId = scene.TargetUser });
        return operation switch
        {
            Operation.Users => [new(HttpMethod.Get, "/api/v1/users"), new(HttpMethod.Get, user)],
            _ => [new(HttpMethod.Post, user + "/deactivate"), new(HttpMethod.Delete, user), new(HttpMethod.Patch, user) { Content = body }],
        };
    }

    /// <summary>The target token, the target user's status and the audit log size of both tenants: what any change would touch.</summary>
    private async Task<string> SnapshotAsync(Scene scene)
    {
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        var token = await db.Tokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == scene.Token, TestContext.Current.CancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == scene.TargetUser, TestContext.Current.CancellationToken);
        var audit = await db.Audit.CountAsync(a => scene.Tenants.Contains(a.TenantId), TestContext.Current.CancellationToken);
        var tokens = await db.Tokens.CountAsync(t => scene.Tenants.Contains(t.TenantId), TestContext.Current.CancellationToken);
        return $"{token?.Name}|{token?.Version}|{token?.RevokedAt}|{token?.SecretHash}|{user.IsActive}|{audit}|{tokens}";
    }
}

