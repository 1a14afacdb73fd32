using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Service;

/// <summary>A roll with a grace period for the old secret, and the reuse of a rolled-away secret after it.</summary>
public class RotationGraceTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task The_old_secret_works_during_its_grace_period_and_is_refused_after_it()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        Assert.True((await world.Verifier.VerifyAsync(created.Secret, null)).IsValid);

        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id, Hour));

        var graceEnd = TokenWorld.Start + Hour;
        Assert.Equal(graceEnd, rolled.Token.OldSecretValidUntil);
        Assert.Equal(graceEnd, TokenWorld.Ok(await world.Tokens.GetAsync(owner.Id, created.Token.Id)).OldSecretValidUntil);
        var listed = TokenWorld.Ok(await world.Tokens.QueryAsync(owner.Id, new TokenQuery())).Items.Single();
        Assert.Equal(graceEnd, listed.OldSecretValidUntil);
        var old = await world.Verifier.VerifyAsync(created.Secret, null);
        Assert.True(old.IsValid);
        Assert.Equal(created.Token.Id, old.Identity!.TokenId);
        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);
        Assert.Equal("Rolled the secret of 'ci deploy'; the old secret works until 2026-11-29 10:00 UTC.", (await world.AuditAsync()).Last().Summary);

        world.Clock.Advance(Hour);

        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);
        Assert.Null(TokenWorld.Ok(await world.Tokens.GetAsync(owner.Id, created.Token.Id)).OldSecretValidUntil);
    }

    [Fact]
    public async Task A_roll_without_grace_stops_the_old_secret_at_once()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);

        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id));

        Assert.Null(rolled.Token.OldSecretValidUntil);
        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.Equal("Rolled the secret of 'ci deploy'; the old secret stopped at once.", (await world.AuditAsync()).Last().Summary);
    }

    [Fact]
    public async Task Revoking_ends_the_grace_at_once_and_a_restore_does_not_bring_the_old_secret_back()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id, TimeSpan.FromDays(1)));
        Assert.True((await world.Verifier.VerifyAsync(created.Secret, null)).IsValid);

        var revoked = TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id));

        Assert.Null(revoked.OldSecretValidUntil);
        Assert.False((await world.Verifier.VerifyAsync(created.Secret, null)).IsValid);
        var restored = TokenWorld.Ok(await world.Tokens.RestoreAsync(owner.Id, created.Token.Id));
        Assert.Null(restored.OldSecretValidUntil);
        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);
    }

    [Fact]
    public async Task Deleting_the_token_deletes_its_old_secrets()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id, TimeSpan.FromDays(1)));
        Assert.True((await world.Verifier.VerifyAsync(created.Secret, null)).IsValid);

        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, created.Token.Id));

        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        await using var db = world.Db();
        Assert.False(await db.RetiredSecrets.AnyAsync());
    }

    [Fact]
    public async Task Rolling_again_during_a_grace_period_ends_the_previous_old_secret_so_at_most_two_secrets_work()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var first = await world.CreateAsync(owner);
        var second = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, first.Token.Id, TimeSpan.FromDays(7)));
        world.Clock.Advance(Hour);

        var third = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, first.Token.Id, Hour));

        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(first.Secret, null)).Outcome);
        Assert.True((await world.Verifier.VerifyAsync(second.Secret, null)).IsValid);
        Assert.True((await world.Verifier.VerifyAsync(third.Secret, null)).IsValid);
        Assert.Equal(world.Clock.GetUtcNow() + Hour, third.Token.OldSecretValidUntil);
    }

    [Fact]
    public async Task The_grace_offered_and_accepted_is_bounded_by_the_tenant_policy_which_a_refusal_names()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        Assert.Equal([TimeSpan.Zero, Hour, TimeSpan.FromDays(1), TimeSpan.FromDays(7)],
            TokenWorld.Ok(await world.Tokens.GraceChoicesAsync(owner.Id)).Select(c => c.Length));
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { MaxRotationGraceHours = 24 }, 0));

        var choices = TokenWorld.Ok(await world.Tokens.GraceChoicesAsync(owner.Id));
        var refused = TokenWorld.Fails(await world.Tokens.RollAsync(owner.Id, created.Token.Id, TimeSpan.FromDays(7)), TokenErrorCode.Invalid);
        var negative = TokenWorld.Fails(await world.Tokens.RollAsync(owner.Id, created.Token.Id, -Hour), TokenErrorCode.Invalid);

        Assert.Equal([TimeSpan.Zero, Hour, TimeSpan.FromDays(1)], choices.Select(c => c.Length));
        Assert.Equal("Grace", refused.Field);
        Assert.Equal("The token policy's longest rotation grace is 1 day: a grace period of 7 days is not allowed.", refused.Message);
        Assert.Equal("Grace", negative.Field);
        Assert.True((await world.Verifier.VerifyAsync(created.Secret, null)).IsValid);
        Assert.DoesNotContain(await world.AuditAsync(), a => a.Action == AuditAction.TokenRolled);
        TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id, TimeSpan.FromDays(1)));
    }

    [Fact]
    public async Task Reuse_after_the_grace_is_audited_and_told_to_the_owner_and_admins_once_a_day_and_the_call_still_fails()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id, Hour));
        world.Clock.Advance(Hour);
        var detector = world.Services.GetRequiredService<SecretReuseDetector>();

        // A flood over several minutes, written in two rounds.
        for (var minute = 0; minute < 3; minute++)
        {
            for (var call = 0; call < 50; call++)
            {
                Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, "203.0.113.7")).Outcome);
            }

            world.Clock.Advance(TimeSpan.FromMinutes(1));
            if (minute == 1)
            {
                await detector.DrainAsync(TestContext.Current.CancellationToken);
            }
        }

        await detector.DrainAsync(TestContext.Current.CancellationToken);

        var reused = Assert.Single(await world.AuditAsync(), a => a.Action == AuditAction.SecretReused);
        Assert.Equal(created.Token.Id, reused.TokenId);
        Assert.Equal(Guid.Empty, reused.ActorId);
        Assert.Equal("203.0.113.7", reused.ClientAddress);
        Assert.Contains("after its grace period ended at 2026-11-29 10:00 UTC", reused.Summary);
        await using (var db = world.Db())
        {
            var notices = await db.Notices.ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(new[] { admin.Id, owner.Id }.Order(), notices.Select(n => n.RecipientId).Order());
            Assert.All(notices, n => Assert.Equal(NoticeKind.SecretReused, n.Kind));
            Assert.All(notices, n => Assert.DoesNotContain(created.Secret, n.Body));
            var retired = await db.RetiredSecrets.SingleAsync(TestContext.Current.CancellationToken);
            Assert.Equal(3, retired.ReuseCount);
            Assert.Equal("203.0.113.7", retired.LastReusedFrom);
        }

        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);

        // The next day's first reuse is told again.
        world.Clock.Advance(TimeSpan.FromDays(1));
        await world.Verifier.VerifyAsync(created.Secret, null);
        await detector.DrainAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, (await world.AuditAsync()).Count(a => a.Action == AuditAction.SecretReused));
    }

    [Fact]
    public async Task Reuse_revokes_the_token_at_once_when_the_policy_says_so()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { RevokeOnSecretReuse = true }, 0));
        var created = await world.CreateAsync(owner);
        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id));
        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);

        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        await world.Services.GetRequiredService<SecretReuseDetector>().DrainAsync(TestContext.Current.CancellationToken);

        Assert.Equal(VerifyOutcome.Revoked, (await world.Verifier.VerifyAsync(rolled.Secret, null)).Outcome);
        var audit = await world.AuditAsync();
        Assert.Equal([AuditAction.SecretReused, AuditAction.TokenRevoked], audit.Where(a => a.Id > audit.Single(e => e.Action == AuditAction.TokenRolled).Id).Select(a => a.Action));
        Assert.Contains("because a rolled-away secret of it was used", audit[^1].Summary);
        Assert.Equal(AuditEntry.PortalActorName, audit[^1].ActorName);
        var stored = await world.StoredAsync(created.Token.Id);
        Assert.NotNull(stored!.RevokedAt);
        Assert.Null(stored.RevokedById);
    }

    [Fact]
    public async Task A_current_secret_is_verified_without_reading_the_retired_secrets()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id, Hour));
        world.Commands.Clear();

        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);
        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);

        Assert.Single(world.Commands);
        Assert.DoesNotContain(world.Commands, c => c.Contains("RetiredSecrets", StringComparison.Ordinal));
        Assert.Equal(0, world.Services.GetRequiredService<SecretReuseDetector>().PendingCount);
    }

    [Fact]
    public async Task Retired_secrets_are_kept_for_the_retention_after_their_grace_then_deleted()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id, Hour));
        var detector = world.Services.GetRequiredService<SecretReuseDetector>();

        world.Clock.Advance(Hour + SecretReuseDetector.Retention - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await detector.PruneAsync(TestContext.Current.CancellationToken));
        world.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await detector.PruneAsync(TestContext.Current.CancellationToken));
    }
}
