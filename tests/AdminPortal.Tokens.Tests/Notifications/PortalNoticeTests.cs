using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Notifications;
using AdminPortal.Tokens.Service;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Notifications;

/// <summary>What the portal shows of notices: the banner's count, the unread notices, the tokens the clean-up will revoke.</summary>
public class PortalNoticeTests
{
    [Fact]
    public async Task The_banner_counts_the_own_usable_tokens_that_end_within_the_tenants_notice_period()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var other = await world.UserAsync();
        await NoticeDeliveryTests.CreateAsync(world, owner, "in 2 days", TokenWorld.Start.AddDays(2));
        await NoticeDeliveryTests.CreateAsync(world, owner, "in 7 days", TokenWorld.Start.AddDays(7));
        await NoticeDeliveryTests.CreateAsync(world, owner, "in 8 days", TokenWorld.Start.AddDays(8));
        await NoticeDeliveryTests.CreateAsync(world, owner, "never", null);
        var revoked = await NoticeDeliveryTests.CreateAsync(world, owner, "revoked", TokenWorld.Start.AddDays(1));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, revoked.Token.Id));
        await NoticeDeliveryTests.CreateAsync(world, other, "someone else's", TokenWorld.Start.AddDays(1));

        Assert.Equal(new ExpiringSoonSummary(2, 7), TokenWorld.Ok(await world.Tokens.ExpiringSoonAsync(owner.Id)));
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { ExpiryNoticeDays = 3 }, 0));
        Assert.Equal(new ExpiringSoonSummary(1, 3), TokenWorld.Ok(await world.Tokens.ExpiringSoonAsync(owner.Id)));
        var listed = TokenWorld.Ok(await world.Tokens.QueryAsync(owner.Id, new TokenQuery { ExpiringSoon = true }));
        Assert.Equal(["in 2 days"], listed.Items.Select(t => t.Name));
    }

    [Fact]
    public async Task A_person_sees_their_own_unread_notices_newest_first_and_dismisses_them_but_not_anyone_elses()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var other = await world.UserAsync();
        await NoticeDeliveryTests.CreateAsync(world, owner, "first", TokenWorld.Start.AddDays(5));
        await NoticeDeliveryTests.CreateAsync(world, other, "theirs", TokenWorld.Start.AddDays(5));
        await world.Services.GetRequiredService<NoticeProducer>().RunOnceAsync();
        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await NoticeDeliveryTests.CreateAsync(world, owner, "second", TokenWorld.Start.AddDays(3));
        await world.Services.GetRequiredService<NoticeProducer>().RunOnceAsync();

        var unread = TokenWorld.Ok(await world.Tokens.UnreadNoticesAsync(owner.Id));
        Assert.Equal(2, unread.Count);
        Assert.Equal(["Your API token \"second\" expires in 3 days", "Your API token \"first\" expires in 5 days"], unread.Newest.Select(n => n.Subject));
        var theirs = Assert.Single(TokenWorld.Ok(await world.Tokens.UnreadNoticesAsync(other.Id)).Newest);
        TokenWorld.Fails(await world.Tokens.DismissNoticeAsync(owner.Id, theirs.Id), TokenErrorCode.NotFound);

        TokenWorld.Ok(await world.Tokens.DismissNoticeAsync(owner.Id, unread.Newest[0].Id));
        Assert.Equal(["first"], TokenWorld.Ok(await world.Tokens.UnreadNoticesAsync(owner.Id)).Newest.Select(n => n.Subject.Split('"')[1]));
        Assert.Single(TokenWorld.Ok(await world.Tokens.UnreadNoticesAsync(other.Id)).Newest);
    }

    [Fact]
    public async Task Full_admins_list_the_tokens_the_clean_up_will_revoke_within_some_days_soonest_first()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var old = await NoticeDeliveryTests.CreateAsync(world, owner, "old", null);
        world.Clock.Advance(TimeSpan.FromDays(10));
        var newer = await NoticeDeliveryTests.CreateAsync(world, owner, "newer", null);
        world.Clock.Advance(TimeSpan.FromDays(10));
        await NoticeDeliveryTests.CreateAsync(world, owner, "new", null);
        Assert.Empty(TokenWorld.Ok(await world.Tokens.CleanupDueWithinAsync(admin.Id, 30)));

        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { CleanupUnusedAfterDays = 25 }, 0));
        await world.Services.GetRequiredService<NoticeProducer>().RunOnceAsync(); // tells the owner of "old" (unused 20 days)

        var within = TokenWorld.Ok(await world.Tokens.CleanupDueWithinAsync(admin.Id, 16));
        Assert.Equal([old.Token.Id, newer.Token.Id], within.Select(c => c.Token.Id));
        Assert.True(within[0].OwnerTold);
        Assert.Equal(TokenWorld.Start.AddDays(27), within[0].RevokeFrom); // 7 days after the notice, not on day 25
        Assert.False(within[1].OwnerTold);
        Assert.Equal(TokenWorld.Start.AddDays(35), within[1].RevokeFrom);
        Assert.Equal([old.Token.Id], TokenWorld.Ok(await world.Tokens.CleanupDueWithinAsync(admin.Id, 7)).Select(c => c.Token.Id));
        TokenWorld.Fails(await world.Tokens.CleanupDueWithinAsync(owner.Id, 7), TokenErrorCode.Forbidden);
    }
}
