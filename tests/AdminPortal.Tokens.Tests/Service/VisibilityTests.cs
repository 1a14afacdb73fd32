using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Tests.Service;

public class VisibilityTests
{
    [Fact]
    public async Task Full_admin_sees_every_token_of_the_tenant_and_none_of_another()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var outsider = await world.UserAsync(tenant: "tenant-b");
        var own = (await world.CreateAsync(admin, "admin's")).Token;
        var users = (await world.CreateAsync(user, "user's")).Token;
        var foreign = (await world.CreateAsync(outsider, "foreign")).Token;

        var all = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, new TokenQuery { AllOfTenant = true }));
        var mine = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, new TokenQuery()));

        Assert.Equal(new[] { own.Id, users.Id }.Order(), all.Items.Select(t => t.Id).Order());
        Assert.Equal([own.Id], mine.Items.Select(t => t.Id));
        TokenWorld.Fails(await world.Tokens.GetAsync(admin.Id, foreign.Id), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.RevokeAsync(admin.Id, foreign.Id), TokenErrorCode.NotFound);
    }

    [Theory]
    [InlineData(Role.User)]
    [InlineData(Role.SecurityReader)]
    public async Task Non_admin_sees_and_manages_only_their_own_tokens(Role role)
    {
        await using var world = await TokenWorld.StartAsync();
        var me = await world.UserAsync(role);
        var colleague = await world.UserAsync();
        var mine = (await world.CreateAsync(me, "mine")).Token;
        var theirs = (await world.CreateAsync(colleague, "theirs")).Token;

        var listed = TokenWorld.Ok(await world.Tokens.QueryAsync(me.Id, new TokenQuery()));

        Assert.Equal([mine.Id], listed.Items.Select(t => t.Id));
        TokenWorld.Fails(await world.Tokens.QueryAsync(me.Id, new TokenQuery { AllOfTenant = true }), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.GetAsync(me.Id, theirs.Id), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.EditAsync(me.Id, theirs.Id, theirs.Version, TokenWorld.Draft("hijack")), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.RevokeAsync(me.Id, theirs.Id), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.RollAsync(me.Id, theirs.Id), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.DeleteAsync(me.Id, theirs.Id), TokenErrorCode.NotFound);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(me.Id, mine.Id));
        Assert.Null((await world.StoredAsync(theirs.Id))!.RevokedAt);
    }

    [Fact]
    public async Task Full_admin_manages_a_users_token()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var token = (await world.CreateAsync(user)).Token;

        var edited = TokenWorld.Ok(await world.Tokens.EditAsync(admin.Id, token.Id, token.Version, TokenWorld.Draft("renamed by admin")));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, token.Id));
        TokenWorld.Ok(await world.Tokens.RestoreAsync(admin.Id, token.Id));
        TokenWorld.Ok(await world.Tokens.DeleteAsync(admin.Id, token.Id));

        Assert.Equal(user.Id, edited.OwnerId);
        Assert.All(await world.AuditAsync(), a => Assert.Equal(a.Action == AuditAction.TokenCreated ? user.Id : admin.Id, a.ActorId));
    }

    [Fact]
    public async Task Full_admin_can_filter_the_tenant_view_by_owner()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var alice = await world.UserAsync();
        var bob = await world.UserAsync();
        var alices = (await world.CreateAsync(alice)).Token;
        await world.CreateAsync(bob);

        var page = TokenWorld.Ok(await world.Tokens.QueryAsync(admin.Id, new TokenQuery { AllOfTenant = true, OwnerId = alice.Id }));

        Assert.Equal([alices.Id], page.Items.Select(t => t.Id));
    }

    [Fact]
    public async Task Deactivated_user_can_do_nothing()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var token = (await world.CreateAsync(user)).Token;
        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, user.Id));

        TokenWorld.Fails(await world.Tokens.QueryAsync(user.Id, new TokenQuery()), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.GetAsync(user.Id, token.Id), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("new")), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.RevokeAsync(user.Id, token.Id), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.DeleteAsync(user.Id, token.Id), TokenErrorCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_caller_can_do_nothing()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var token = (await world.CreateAsync(user)).Token;

        TokenWorld.Fails(await world.Tokens.GetAsync(Guid.NewGuid(), token.Id), TokenErrorCode.Forbidden);
        TokenWorld.Fails(await world.Tokens.CreateAsync(Guid.NewGuid(), TokenWorld.Draft()), TokenErrorCode.Forbidden);
    }
}
