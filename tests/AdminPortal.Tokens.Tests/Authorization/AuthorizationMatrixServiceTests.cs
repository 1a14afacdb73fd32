using AdminPortal.Authorization;
using AdminPortal.Tokens.Audit;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Authorization;

/// <summary>One world (a real SQLite file) for all cells; each cell makes its own actor, colleague, outsider and tokens.</summary>
public sealed class MatrixWorld : IAsyncLifetime
{
    public TokenWorld World { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        World = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "1000" });

    public async ValueTask DisposeAsync() => await World.DisposeAsync();
}

/// <summary>
/// Every cell of <see cref="AuthorizationMatrix"/> at the token service: the actor calls TokenService, UserService or
/// AuditLog directly; a refusal must be the expected one and change nothing.
/// </summary>
public sealed class AuthorizationMatrixServiceTests(MatrixWorld fixture) : IClassFixture<MatrixWorld>
{
    private const string Home = "acme";
    private const string Away = "globex";

    private TokenWorld World => fixture.World;

    public static TheoryData<string> Cells() => [.. AuthorizationMatrix.Cells.Select(c => c.ToString())];

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Token_service_answers_every_cell_as_the_matrix_says(string name)
    {
        var cell = AuthorizationMatrix.Cells.Single(c => c.ToString() == name);
        var scene = await SceneAsync(cell);
        var before = await SnapshotAsync(scene.TargetToken);

        var (error, contains) = await AttemptAsync(cell, scene);

        switch (cell.Expected)
        {
            case Outcome.Allowed:
                Assert.True(error is null, $"{cell}: expected success but got {error}");
                Assert.True(contains ?? true, $"{cell}: the target is missing from the answer");
                return;
            case Outcome.Hidden:
                Assert.True(error is null, $"{cell}: expected an answer without the target but got {error}");
                Assert.False(contains, $"{cell}: the answer shows the target");
                break;
            case Outcome.NotFound:
                Assert.Equal((TokenErrorCode?)TokenErrorCode.NotFound, error?.Code);
                break;
            case Outcome.Forbidden:
                Assert.Equal((TokenErrorCode?)TokenErrorCode.Forbidden, error?.Code);
                break;
            case Outcome.Deactivated:
                Assert.Equal((TokenErrorCode.Forbidden, "Your account is deactivated."), (error?.Code, error?.Message));
                break;
            case Outcome.Unauthenticated:
                Assert.Equal((TokenErrorCode.Forbidden, "Unknown user."), (error?.Code, error?.Message));
                break;
        }

        Assert.Equal(before, await SnapshotAsync(scene.TargetToken));
        Assert.Equal(scene.AuditCount, await AuditCountAsync());
        if (scene.TargetUser is { } user)
        {
            Assert.Equal(scene.TargetUserActive, (await UserAsync(user)).IsActive);
        }
    }

    [Fact]
    public void Matrix_has_every_operation_actor_and_target_once()
    {
        var expected = Enum.GetValues<Operation>().Length * Enum.GetValues<Actor>().Length * Enum.GetValues<Target>().Length;

        Assert.Equal(expected, AuthorizationMatrix.Cells.Count);
        Assert.Equal(expected, AuthorizationMatrix.Cells.Select(c => (c.Operation, c.Actor, c.Target)).Distinct().Count());
    }

    [Fact]
    public async Task Security_reader_reads_only_the_audit_entries_of_their_own_actions_and_tokens()
    {
        // Defect fixed: AuditLog let security readers read the whole tenant's log, names and GUIDs of tokens that the token
        // service answers "not found" for.
        var admin = await World.UserAsync(Role.FullAdmin, Home);
        var reader = await World.UserAsync(Role.SecurityReader, Home);
        var theirs = (await World.CreateAsync(admin, "admins secret project")).Token;
        var mine = (await World.CreateAsync(reader, "reader's feed")).Token;
        var log = World.Services.GetRequiredService<AuditLog>();

        var page = TokenWorld.Ok(await log.QueryAsync(reader.Id, new AuditQuery { PageSize = 100 }));

        Assert.Contains(page.Items, e => e.TokenId == mine.Id);
        Assert.DoesNotContain(page.Items, e => e.TokenId == theirs.Id || e.Summary.Contains("secret project", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleted_tokens_guid_cannot_be_taken_again_to_read_its_audit_history()
    {
        // Defect fixed: after a delete, anyone of the tenant could create a token with the deleted token's GUID and then read
        // the deleted token's audit entries (name, scopes, who did what) as entries "about their own token".
        var victim = await World.UserAsync(Role.User, Home);
        var snoop = await World.UserAsync(Role.User, Home);
        var deleted = (await World.CreateAsync(victim, "payroll export")).Token;
        TokenWorld.Ok(await World.Tokens.DeleteAsync(victim.Id, deleted.Id));

        var reused = await World.Tokens.CreateAsync(snoop.Id, TokenWorld.Draft("innocent") with { Id = deleted.Id });

        Assert.Equal("Id", TokenWorld.Fails(reused, TokenErrorCode.GuidTaken).Field);
        var log = World.Services.GetRequiredService<AuditLog>();
        Assert.Equal(0, TokenWorld.Ok(await log.QueryAsync(snoop.Id, new AuditQuery { TokenId = deleted.Id })).Total);
    }

    /// <summary>The people and tokens of one cell, all new, so that cells cannot disturb each other.</summary>
    private sealed record Scene(Guid ActorId, bool ActorIsAdmin, Guid? TargetToken, Guid? TargetUser, bool TargetUserActive, int AuditCount);

    private async Task<Scene> SceneAsync(Cell cell)
    {
        var admin = await World.UserAsync(Role.FullAdmin, Home);
        var (actorId, role, tenant) = cell.Actor switch
        {
            Actor.FullAdmin => ((await World.UserAsync(Role.FullAdmin, Home)).Id, Role.FullAdmin, Home),
            Actor.SecurityReader => ((await World.UserAsync(Role.SecurityReader, Home)).Id, Role.SecurityReader, Home),
            Actor.User or Actor.DeactivatedUser => ((await World.UserAsync(Role.User, Home)).Id, Role.User, Home),
            Actor.OtherTenantUser => ((await World.UserAsync(Role.FullAdmin, Away)).Id, Role.FullAdmin, Away),
            _ => (Guid.NewGuid(), Role.User, Home),
        };
        var colleague = await World.UserAsync(Role.User, tenant);
        var outsider = await World.UserAsync(Role.User, tenant == Home ? Away : Home);

        // The anonymous visitor has no token: their "own" target is some user's token of Acme.
        var ownerOfOwn = cell.Actor == Actor.Anonymous ? (await World.UserAsync(Role.User, Home)).Id : actorId;
        var owner = cell.Target switch
        {
            Target.Own => ownerOfOwn,
            Target.SameTenantOther => colleague.Id,
            _ => outsider.Id,
        };

        Guid? token = null;
        if (cell.Operation is not (Operation.Create or Operation.Users or Operation.Deactivate))
        {
            token = TokenWorld.Ok(await World.Tokens.CreateAsync(owner, TokenWorld.Draft($"target {Guid.NewGuid():N}"))).Token.Id;
            if (cell.Operation == Operation.Restore)
            {
                TokenWorld.Ok(await World.Tokens.RevokeAsync(owner, token.Value));
            }
        }

        if (cell.Actor == Actor.DeactivatedUser)
        {
            TokenWorld.Ok(await World.Users.DeactivateAsync(admin.Id, actorId));
        }

        Guid? targetUser = cell.Operation is Operation.Users or Operation.Deactivate or Operation.Create ? owner : null;
        var active = targetUser is { } u && (await UserAsync(u)).IsActive;
        return new Scene(actorId, role == Role.FullAdmin, token, targetUser, active, await AuditCountAsync());
    }

    /// <summary>Tries the cell's operation; returns the refusal, and for listings whether the target is in the answer.</summary>
    private async Task<(TokenError? Error, bool? Contains)> AttemptAsync(Cell cell, Scene scene)
    {
        var actor = scene.ActorId;
        var token = scene.TargetToken ?? Guid.Empty;
        var tokens = World.Tokens;
        switch (cell.Operation)
        {
            case Operation.List:
                var all = TokenQuery(token) with { AllOfTenant = scene.ActorIsAdmin };
                var listed = await tokens.QueryAsync(actor, all);
                if (!listed.Succeeded)
                {
                    return (listed.Error, null);
                }

                if (!scene.ActorIsAdmin)
                {
                    // Asking for the whole tenant is refused outright to everyone but full admins.
                    var tenantWide = await tokens.QueryAsync(actor, TokenQuery(token) with { AllOfTenant = true });
                    Assert.Equal((TokenErrorCode?)TokenErrorCode.Forbidden, tenantWide.Error?.Code);
                }

                return (null, listed.Value!.Items.Any(t => t.Id == token));
            case Operation.View:
                return (Error(await tokens.GetAsync(actor, token)), null);
            case Operation.Create:
                var created = await tokens.CreateAsync(actor, TokenWorld.Draft($"new {Guid.NewGuid():N}") with { OwnerId = scene.TargetUser });
                if (created.Succeeded)
                {
                    Assert.Equal(scene.TargetUser, created.Value!.Token.OwnerId);
                }

                return (Error(created), null);
            case Operation.Edit:
                var version = (await World.StoredAsync(token))!.Version;
                return (Error(await tokens.EditAsync(actor, token, version, TokenWorld.Draft($"renamed {Guid.NewGuid():N}"))), null);
            case Operation.Revoke:
                return (Error(await tokens.RevokeAsync(actor, token)), null);
            case Operation.Restore:
                return (Error(await tokens.RestoreAsync(actor, token)), null);
            case Operation.Roll:
                return (Error(await tokens.RollAsync(actor, token)), null);
            case Operation.Delete:
                var deleted = await tokens.DeleteAsync(actor, token);
                if (deleted.Succeeded)
                {
                    Assert.Null(await World.StoredAsync(token));
                }

                return (Error(deleted), null);
            case Operation.Audit:
                var log = World.Services.GetRequiredService<AuditLog>();
                var entries = await log.QueryAsync(actor, new AuditQuery { TokenId = token });
                return entries.Succeeded ? (null, entries.Value!.Items.Count > 0) : (entries.Error, null);
            case Operation.Users:
                var users = await World.Users.ListAsync(actor);
                return users.Succeeded ? (null, users.Value!.Any(u => u.Id == scene.TargetUser)) : (users.Error, null);
            default:
                var changed = await World.Users.DeactivateAsync(actor, scene.TargetUser!.Value);
                if (changed.Succeeded)
                {
                    Assert.False((await UserAsync(scene.TargetUser.Value)).IsActive);
                }

                return (Error(changed), null);
        }
    }

    private static TokenQuery TokenQuery(Guid token) => new()
    {
        GuidPrefix = token.ToString("D"),
        Validity = Enum.GetValues<TokenValidity>(),
    };

    private static TokenError? Error<T>(Result<T> result) => result.Error;

    /// <summary>Everything about a token that an operation could change (null once deleted).</summary>
    private async Task<string?> SnapshotAsync(Guid? id)
    {
        if (id is not { } token)
        {
            return null;
        }

        var stored = await World.StoredAsync(token);
        return stored is null ? null : $"{stored.Name}|{stored.Version}|{stored.RevokedAt}|{stored.SecretHash}";
    }

    private async Task<int> AuditCountAsync()
    {
        await using var db = World.Db();
        return await db.Audit.CountAsync();
    }

    private async Task<PortalUser> UserAsync(Guid id)
    {
        await using var db = World.Db();
        return await db.Users.SingleAsync(u => u.Id == id);
    }
}
