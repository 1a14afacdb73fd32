using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Tests.Service;

public class AuditQueryTests
{
    [Fact]
    public async Task Full_admin_reads_the_whole_tenant_newest_first_and_nothing_of_another_tenant()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var outsider = await world.UserAsync(tenant: "tenant-b");
        var first = await world.CreateAsync(user, "first");
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, first.Token.Id));
        await world.CreateAsync(outsider, "foreign");

        var page = TokenWorld.Ok(await world.Tokens.AuditAsync(admin.Id, new AuditQuery()));

        Assert.Equal([AuditAction.TokenRevoked, AuditAction.TokenCreated], page.Items.Select(e => e.Action));
        Assert.Equal(2, page.Total);
    }

    [Theory]
    [InlineData(Role.User)]
    [InlineData(Role.SecurityReader)]
    public async Task Non_admin_reads_entries_about_their_own_tokens_and_their_own_actions_only(Role role)
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var me = await world.UserAsync(role);
        var colleague = await world.UserAsync();
        var mine = await world.CreateAsync(me, "mine");
        await world.CreateAsync(colleague, "theirs");
        TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, mine.Token.Id));
        var adminsOwn = await world.CreateAsync(admin, "admin's");

        var page = TokenWorld.Ok(await world.Tokens.AuditAsync(me.Id, new AuditQuery()));

        Assert.All(page.Items, e => Assert.Equal(mine.Token.Id, e.TokenId));
        Assert.Equal([AuditAction.TokenRevoked, AuditAction.TokenCreated], page.Items.Select(e => e.Action));
        Assert.DoesNotContain(page.Items, e => e.TokenId == adminsOwn.Token.Id);
    }

    [Fact]
    public async Task Filters_by_token_actor_and_time_range()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var a = await world.CreateAsync(user, "a");
        world.Clock.Advance(TimeSpan.FromHours(1));
        var middle = world.Clock.GetUtcNow();
        var b = await world.CreateAsync(user, "b");
        TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, a.Token.Id));
        world.Clock.Advance(TimeSpan.FromHours(1));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, b.Token.Id));

        var aboutA = TokenWorld.Ok(await world.Tokens.AuditAsync(admin.Id, new AuditQuery { TokenId = a.Token.Id }));
        var byAdmin = TokenWorld.Ok(await world.Tokens.AuditAsync(admin.Id, new AuditQuery { ActorId = admin.Id }));
        var inRange = TokenWorld.Ok(await world.Tokens.AuditAsync(admin.Id, new AuditQuery { From = middle, To = middle.AddMinutes(30) }));

        Assert.Equal([AuditAction.TokenRevoked, AuditAction.TokenCreated], aboutA.Items.Select(e => e.Action));
        Assert.Equal([b.Token.Id, a.Token.Id], byAdmin.Items.Select(e => e.TokenId!.Value));
        Assert.Equal([(AuditAction.TokenRevoked, a.Token.Id), (AuditAction.TokenCreated, b.Token.Id)],
            inRange.Items.Select(e => (e.Action, e.TokenId!.Value)));
    }

    [Fact]
    public async Task Pages_are_cut_in_the_database_with_the_total_of_all_matches()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        for (var i = 0; i < 5; i++)
        {
            await world.CreateAsync(admin, $"token {i}");
            world.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        world.Commands.Clear();
        var second = TokenWorld.Ok(await world.Tokens.AuditAsync(admin.Id, new AuditQuery { Page = 2, PageSize = 2 }));

        Assert.Equal(5, second.Total);
        Assert.Equal(["Created 'token 2'", "Created 'token 1'"], second.Items.Select(e => e.Summary.Split(" with")[0]));
        Assert.Contains(world.Commands, c => c.Contains("LIMIT", StringComparison.Ordinal) && c.Contains("AuditEntries", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0, 25, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, 101, "PageSize")]
    public async Task Invalid_page_is_refused_naming_the_field(int page, int pageSize, string field)
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);

        var error = TokenWorld.Fails(await world.Tokens.AuditAsync(admin.Id, new AuditQuery { Page = page, PageSize = pageSize }), TokenErrorCode.Invalid);

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task Time_range_that_ends_before_it_starts_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var now = world.Clock.GetUtcNow();

        var error = TokenWorld.Fails(await world.Tokens.AuditAsync(admin.Id, new AuditQuery { From = now, To = now }), TokenErrorCode.Invalid);

        Assert.Equal("To", error.Field);
    }
}
