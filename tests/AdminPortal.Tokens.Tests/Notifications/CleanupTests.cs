using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Notifications;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Notifications;

/// <summary>The tenant policy's clean-up of unused tokens, and the admins' digest.</summary>
public class CleanupTests
{
    [Fact]
    public async Task The_clean_up_revokes_exactly_the_tokens_unused_for_the_policy_days_a_week_after_telling_their_owner_audited_as_the_policy()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync(name: "Olga Owner");
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { CleanupUnusedAfterDays = 30 }, 0));
        var neverUsed = await NoticeDeliveryTests.CreateAsync(world, owner, "never used", null);
        var usedLongAgo = await NoticeDeliveryTests.CreateAsync(world, owner, "used long ago", null);
        var usedAfterNotice = await NoticeDeliveryTests.CreateAsync(world, owner, "used after its notice", null);
        var usedRecently = await NoticeDeliveryTests.CreateAsync(world, owner, "used recently", null);
        var revokedBefore = await NoticeDeliveryTests.CreateAsync(world, owner, "revoked before", null);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, revokedBefore.Token.Id));
        await UseAsync(world, usedLongAgo);
        world.Clock.Advance(TimeSpan.FromDays(25));
        await UseAsync(world, usedRecently);

        world.Clock.Advance(TimeSpan.FromDays(6)); // day 31: the three unused for 30 days are told, none is revoked yet
        await RoundAsync(world);
        Assert.Equal(
            ["never used", "used after its notice", "used long ago"],
            (await NoticesAsync(world, NoticeKind.CleanupSoon)).Select(n => NameIn(n.Subject)).Order());
        Assert.Contains("will be revoked on or after 2027-01-06 09:00 UTC", (await NoticesAsync(world, NoticeKind.CleanupSoon))[0].Body);
        world.Clock.Advance(TimeSpan.FromDays(2));
        await UseAsync(world, usedAfterNotice);
        world.Clock.Advance(TimeSpan.FromDays(5) - TimeSpan.FromMinutes(1));
        await RoundAsync(world);
        Assert.Empty(await NoticesAsync(world, NoticeKind.CleanedUp));

        world.Clock.Advance(TimeSpan.FromMinutes(1)); // a week after the notice
        await RoundAsync(world);
        await RoundAsync(world);

        var revoked = new[] { neverUsed, usedLongAgo };
        foreach (var token in revoked)
        {
            var stored = (await world.StoredAsync(token.Token.Id))!;
            Assert.Equal(world.Clock.GetUtcNow(), stored.RevokedAt);
            Assert.Equal(SystemActors.TenantPolicyId, stored.RevokedById);
            Assert.Equal(VerifyOutcome.Revoked, (await world.Verifier.VerifyAsync(token.Secret, null)).Outcome);
        }

        foreach (var kept in new[] { usedAfterNotice, usedRecently })
        {
            Assert.Null((await world.StoredAsync(kept.Token.Id))!.RevokedAt);
            Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(kept.Secret, null)).Outcome);
        }

        var audit = (await world.AuditAsync()).Where(e => e.ActorId == SystemActors.TenantPolicyId).ToList();
        Assert.Equal(revoked.Select(t => t.Token.Id).Order(), audit.Select(e => e.TokenId!.Value).Order());
        Assert.All(audit, e =>
        {
            Assert.Equal(AuditAction.TokenRevoked, e.Action);
            Assert.Equal("Tenant policy", e.ActorName);
            Assert.Equal(admin.TenantId, e.TenantId);
            Assert.EndsWith("unused for 30 days (the tenant policy's clean-up of unused tokens).", e.Summary);
        });
        Assert.Equal(["never used", "used long ago"], (await NoticesAsync(world, NoticeKind.CleanedUp)).Select(n => NameIn(n.Subject)).Order());
    }

    [Fact]
    public async Task A_clean_up_run_by_two_nodes_at_once_revokes_and_audits_each_token_once()
    {
        await using var node1 = await TokenWorld.StartAsync();
        var admin = await node1.UserAsync(Role.FullAdmin);
        var owner = await node1.UserAsync();
        TokenWorld.Ok(await node1.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { CleanupUnusedAfterDays = 14 }, 0));
        for (var i = 0; i < 5; i++)
        {
            await NoticeDeliveryTests.CreateAsync(node1, owner, $"unused {i}", null);
        }

        node1.Clock.Advance(TimeSpan.FromDays(15));
        await using var node2 = await node1.OpenAnotherProcessAsync();
        await Task.WhenAll(RoundAsync(node1), RoundAsync(node2));
        node1.Clock.Advance(TimeSpan.FromDays(7));
        node2.Clock.Advance(TimeSpan.FromDays(7));
        await Task.WhenAll(RoundAsync(node1), RoundAsync(node2));
        await RoundAsync(node1);
        await RoundAsync(node2);

        Assert.Equal(5, (await node1.AuditAsync()).Count(e => e.ActorId == SystemActors.TenantPolicyId));
        Assert.Equal(5, (await NoticesAsync(node1, NoticeKind.CleanupSoon)).Count);
        Assert.Equal(5, (await NoticesAsync(node1, NoticeKind.CleanedUp)).Count);
    }

    [Fact]
    public async Task Full_admins_get_one_digest_a_day_of_the_tenants_expiring_tokens_when_the_policy_asks()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin, name: "Ada Admin");
        var owner = await world.UserAsync(name: "Olga Owner");
        await NoticeDeliveryTests.CreateAsync(world, owner, "expiring", TokenWorld.Start.AddDays(3));
        await NoticeDeliveryTests.CreateAsync(world, owner, "later", TokenWorld.Start.AddDays(60));
        await RoundAsync(world);
        Assert.Empty(await NoticesAsync(world, NoticeKind.AdminDigest));

        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { AdminDigest = true }, 0));
        await RoundAsync(world);
        world.Clock.Advance(TimeSpan.FromHours(12));
        await RoundAsync(world);
        var digest = Assert.Single(await NoticesAsync(world, NoticeKind.AdminDigest));
        Assert.Equal(admin.Id, digest.RecipientId);
        Assert.Equal("1 API token of TENANT-A expire within 7 days", digest.Subject);
        Assert.Contains("- expiring (owner Olga Owner)", digest.Body);
        Assert.DoesNotContain("later", digest.Body);

        world.Clock.Advance(TimeSpan.FromHours(12)); // the next UTC day
        await RoundAsync(world);
        Assert.Equal(2, (await NoticesAsync(world, NoticeKind.AdminDigest)).Count);
    }

    private static string NameIn(string subject) => subject.Split('"')[1];

    private static async Task UseAsync(TokenWorld world, AdminPortal.Tokens.Service.CreatedToken token)
    {
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(token.Secret, "203.0.113.9")).Outcome);
        await world.Usage.FlushAsync();
    }

    private static Task<NoticeRound> RoundAsync(TokenWorld world) => world.Services.GetRequiredService<NoticeProducer>().RunOnceAsync();

    private static async Task<List<Notice>> NoticesAsync(TokenWorld world, NoticeKind kind)
    {
        await using var db = world.Db();
        return await db.Notices.Where(n => n.Kind == kind).OrderBy(n => n.Id).ToListAsync();
    }
}
