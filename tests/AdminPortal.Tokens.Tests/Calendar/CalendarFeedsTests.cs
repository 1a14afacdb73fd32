using AdminPortal.Tokens.Calendar;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Calendar;

/// <summary>The calendar feed's key (made, replaced, revoked by its person; stored as a hash) and what a feed lists.</summary>
public sealed class CalendarFeedsTests
{
    [Fact]
    public async Task A_feed_lists_its_persons_expiring_tokens_only_by_name_and_date_soonest_first()
    {
        await using var world = await TokenWorld.StartAsync();
        var feeds = world.Services.GetRequiredService<CalendarFeeds>();
        var me = await world.UserAsync();
        var colleague = await world.UserAsync();
        var now = world.Clock.GetUtcNow();
        TokenWorld.Ok(await world.Tokens.CreateAsync(me.Id, TokenWorld.Draft("later") with { ValidTo = now.AddDays(30) }));
        TokenWorld.Ok(await world.Tokens.CreateAsync(me.Id, TokenWorld.Draft("sooner") with { ValidTo = now.AddDays(3) }));
        TokenWorld.Ok(await world.Tokens.CreateAsync(me.Id, TokenWorld.Draft("forever")));
        var revoked = TokenWorld.Ok(await world.Tokens.CreateAsync(me.Id, TokenWorld.Draft("revoked") with { ValidTo = now.AddDays(5) }));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(me.Id, revoked.Token.Id));
        TokenWorld.Ok(await world.Tokens.CreateAsync(colleague.Id, TokenWorld.Draft("not mine") with { ValidTo = now.AddDays(4) }));

        var key = TokenWorld.Ok(await feeds.IssueKeyAsync(me.Id));
        var feed = await feeds.ReadAsync(key);

        Assert.NotNull(feed);
        Assert.Equal([("sooner", now.AddDays(3)), ("later", now.AddDays(30))], feed.Entries.Select(e => (e.Name, e.ExpiresAt)));
    }

    [Fact]
    public async Task The_key_is_stored_as_a_hash_replacing_it_closes_the_old_address_and_revoking_closes_the_feed()
    {
        await using var world = await TokenWorld.StartAsync();
        var feeds = world.Services.GetRequiredService<CalendarFeeds>();
        var me = await world.UserAsync();
        Assert.Null(TokenWorld.Ok(await feeds.KeyCreatedAtAsync(me.Id)));

        var first = TokenWorld.Ok(await feeds.IssueKeyAsync(me.Id));
        Assert.StartsWith("apcal_", first, StringComparison.Ordinal);
        Assert.Equal(world.Clock.GetUtcNow(), TokenWorld.Ok(await feeds.KeyCreatedAtAsync(me.Id)));
        await using (var stored = world.Db())
        {
            var row = await stored.CalendarFeedKeys.SingleAsync(k => k.UserId == me.Id, TestContext.Current.CancellationToken);
            Assert.Equal(64, row.KeyHash.Length);
            Assert.DoesNotContain(first[6..], row.KeyHash, StringComparison.Ordinal);
        }

        if (world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite)
        {
            Assert.DoesNotContain(first, world.RawDatabaseText(), StringComparison.Ordinal);
        }

        var second = TokenWorld.Ok(await feeds.IssueKeyAsync(me.Id));
        Assert.Null(await feeds.ReadAsync(first));
        Assert.NotNull(await feeds.ReadAsync(second));

        Assert.True(TokenWorld.Ok(await feeds.RevokeKeyAsync(me.Id)));
        Assert.Null(await feeds.ReadAsync(second));
        Assert.Equal(TokenErrorCode.InvalidState, (await feeds.RevokeKeyAsync(me.Id)).Error!.Code);

        await using var db = world.Db();
        var audit = await db.Audit.Where(a => a.ActorId == me.Id).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([AuditAction.CalendarFeedKeyIssued, AuditAction.CalendarFeedKeyIssued, AuditAction.CalendarFeedKeyRevoked], audit.Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("apcal_short")]
    [InlineData("adp_0123456789012345678901234567890123456789")]
    [InlineData("apcal_0123456789012345678901234567890123456789")]
    [InlineData("apcal_01234567890123456789012345678901234567-9")]
    public async Task A_malformed_or_unknown_key_opens_nothing(string? key)
    {
        await using var world = await TokenWorld.StartAsync();
        var feeds = world.Services.GetRequiredService<CalendarFeeds>();

        Assert.Null(await feeds.ReadAsync(key));
    }

    [Fact]
    public async Task A_deactivated_persons_feed_is_closed_and_they_cannot_make_a_key()
    {
        await using var world = await TokenWorld.StartAsync();
        var feeds = world.Services.GetRequiredService<CalendarFeeds>();
        var admin = await world.UserAsync(Role.FullAdmin);
        var me = await world.UserAsync();
        var key = TokenWorld.Ok(await feeds.IssueKeyAsync(me.Id));

        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, me.Id));

        Assert.Null(await feeds.ReadAsync(key));
        Assert.Equal(TokenErrorCode.Forbidden, (await feeds.IssueKeyAsync(me.Id)).Error!.Code);
    }
}
