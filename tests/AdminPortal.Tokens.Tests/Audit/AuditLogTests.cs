using AdminPortal.Tokens.Audit;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Audit;

public class AuditLogTests
{
    [Fact]
    public async Task Full_admin_reads_the_tenant_log_newest_first_and_nothing_of_another_tenant()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var outsider = await world.UserAsync(tenant: "tenant-b");
        await world.CreateAsync(user, "first");
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        await world.CreateAsync(admin, "second");
        await world.CreateAsync(outsider, "foreign");

        var page = TokenWorld.Ok(await Log(world).QueryAsync(admin.Id, new AuditQuery()));

        Assert.Equal(2, page.Total);
        Assert.Equal(["Created 'second'", "Created 'first'"], page.Items.Select(e => e.Summary[..e.Summary.IndexOf(" with", StringComparison.Ordinal)]));
    }

    [Fact]
    public async Task User_reads_only_their_own_actions_and_entries_about_their_tokens()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var mine = (await world.CreateAsync(user, "mine")).Token;
        await world.CreateAsync(admin, "admin's");
        TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, mine.Id));

        var page = TokenWorld.Ok(await Log(world).QueryAsync(user.Id, new AuditQuery()));

        Assert.Equal([AuditAction.TokenRevoked, AuditAction.TokenCreated], page.Items.Select(e => e.Action));
        Assert.All(page.Items, e => Assert.Equal(mine.Id, e.TokenId));
    }

    [Fact]
    public async Task Log_filters_by_token_actor_and_time_and_pages_in_the_database()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var token = (await world.CreateAsync(user, "watched")).Token;
        var start = world.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            world.Clock.Advance(TimeSpan.FromMinutes(1));
            TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, token.Id));
            TokenWorld.Ok(await world.Tokens.RestoreAsync(admin.Id, token.Id));
        }

        await world.CreateAsync(admin, "noise");
        var log = Log(world);

        Assert.Equal(11, TokenWorld.Ok(await log.QueryAsync(admin.Id, new AuditQuery { TokenId = token.Id })).Total);
        Assert.Equal(1, TokenWorld.Ok(await log.QueryAsync(admin.Id, new AuditQuery { ActorId = user.Id })).Total);
        Assert.Equal(4, TokenWorld.Ok(await log.QueryAsync(admin.Id, new AuditQuery
        {
            TokenId = token.Id, From = start.AddMinutes(2), To = start.AddMinutes(4),
        })).Total);
        var second = TokenWorld.Ok(await log.QueryAsync(admin.Id, new AuditQuery { PageSize = 5, Page = 2 }));
        Assert.Equal((12, 5), (second.Total, second.Items.Count));
        TokenWorld.Fails(await log.QueryAsync(admin.Id, new AuditQuery { From = start, To = start }), TokenErrorCode.Invalid);
    }

    [Fact]
    public async Task Log_is_read_page_by_page_through_cursors_to_the_same_entries_as_one_page_and_page_numbers_stop_at_ten_thousand()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var token = (await world.CreateAsync(admin, "walked")).Token;
        for (var i = 0; i < 4; i++)
        {
            // Two entries at each instant: the cursor must go on among entries of the same time by their id.
            TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, token.Id));
            TokenWorld.Ok(await world.Tokens.RestoreAsync(admin.Id, token.Id));
            world.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await world.CreateAsync(admin, "other");
        var log = Log(world);
        foreach (var filter in new[] { new AuditQuery(), new AuditQuery { TokenId = token.Id } })
        {
            var whole = TokenWorld.Ok(await log.QueryAsync(admin.Id, filter with { PageSize = AuditQuery.MaxPageSize }));
            Assert.Null(whole.Next);
            var walked = new List<long>();
            var pages = 0;
            for (var page = TokenWorld.Ok(await log.QueryAsync(admin.Id, filter with { PageSize = 3 })); ; page = TokenWorld.Ok(await log.QueryAsync(admin.Id, filter with { PageSize = 3, After = page.Next })))
            {
                pages++;
                walked.AddRange(page.Items.Select(e => e.Id));
                Assert.Equal(whole.Total, page.Total);
                if (page.Next is null)
                {
                    break;
                }
            }

            Assert.Equal(whole.Items.Select(e => e.Id), walked);
            Assert.Equal((whole.Items.Count + 2) / 3, pages);
        }

        Assert.Equal("After", TokenWorld.Fails(await log.QueryAsync(admin.Id, new AuditQuery { After = "not-a-cursor" }), TokenErrorCode.Invalid).Field);
        var next = TokenWorld.Ok(await log.QueryAsync(admin.Id, new AuditQuery { PageSize = 2 })).Next;
        Assert.Equal("After", TokenWorld.Fails(await log.QueryAsync(admin.Id, new AuditQuery { After = next, Page = 2 }), TokenErrorCode.Invalid).Field);
        Assert.Empty(TokenWorld.Ok(await log.QueryAsync(admin.Id, new AuditQuery { Page = 100, PageSize = AuditQuery.MaxPageSize })).Items);
        Assert.Equal("Page", TokenWorld.Fails(await log.QueryAsync(admin.Id, new AuditQuery { Page = 101, PageSize = AuditQuery.MaxPageSize }), TokenErrorCode.Invalid).Field);
    }

    private static AuditLog Log(TokenWorld world) => world.Services.GetRequiredService<AuditLog>();
}
