using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Tests.Service;

public class CreateForOwnerTests
{
    [Fact]
    public async Task Full_admin_creates_a_token_owned_by_another_user_with_scopes_both_hold()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin, name: "Admin");
        var owner = await world.UserAsync(name: "Robot");

        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("deploy", "tokens:read", "alerts:write") with { OwnerId = owner.Id }));

        Assert.Equal((owner.Id, admin.Id, "Robot"), (created.Token.OwnerId, created.Token.CreatedById, created.Token.OwnerName));
        var audit = Assert.Single(await world.AuditAsync());
        Assert.Equal(admin.Id, audit.ActorId);
        Assert.EndsWith("Owner: Robot.", audit.Summary, StringComparison.Ordinal);
        TokenWorld.Fails(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("audit", "audit:read") with { OwnerId = owner.Id }), TokenErrorCode.ScopeNotHeld);
    }

    [Fact]
    public async Task Non_admin_cannot_create_for_someone_else()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var colleague = await world.UserAsync();

        TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft() with { OwnerId = colleague.Id }), TokenErrorCode.Forbidden);
    }

    [Fact]
    public async Task Owner_of_another_tenant_is_not_found_and_a_deactivated_owner_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var foreigner = await world.UserAsync(tenant: "tenant-b");
        var leaver = await world.UserAsync();
        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, leaver.Id));

        TokenWorld.Fails(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft() with { OwnerId = foreigner.Id }), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft() with { OwnerId = leaver.Id }), TokenErrorCode.Forbidden);
    }

    [Fact]
    public async Task The_owners_limit_and_names_apply_not_the_admins()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "1" });
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        await world.CreateAsync(admin, "same name");

        TokenWorld.Ok(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("same name") with { OwnerId = owner.Id }));
        TokenWorld.Fails(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("second") with { OwnerId = owner.Id }), TokenErrorCode.LimitReached);
    }
}
