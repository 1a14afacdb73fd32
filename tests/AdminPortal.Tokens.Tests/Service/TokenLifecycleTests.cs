using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Service;

public class TokenLifecycleTests
{
    [Fact]
    public async Task Revoked_token_is_rejected_at_once_and_its_effective_valid_to_is_the_revocation_time()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        Assert.True((await world.Verifier.VerifyAsync(created.Secret, "10.0.0.1")).IsValid);
        world.Clock.Advance(TimeSpan.FromMinutes(5));

        var revoked = TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id));

        Assert.Equal(VerifyOutcome.Revoked, (await world.Verifier.VerifyAsync(created.Secret, "10.0.0.1")).Outcome);
        Assert.Equal(TokenValidity.Revoked, revoked.Validity);
        Assert.Equal(world.Clock.GetUtcNow(), revoked.EffectiveValidTo);
        Assert.False(revoked.IsActive);
        Assert.True(revoked.CanRestore);
        Assert.Equal(AuditAction.TokenRevoked, (await world.AuditAsync()).Last().Action);
    }

    [Fact]
    public async Task Revoking_a_revoked_or_expired_token_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var revoked = (await world.CreateAsync(owner, "a")).Token;
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, revoked.Id));
        var expiring = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id,
            TokenWorld.Draft("b") with { ValidTo = world.Clock.GetUtcNow().AddHours(1) })).Token;
        world.Clock.Advance(TimeSpan.FromHours(2));

        var again = TokenWorld.Fails(await world.Tokens.RevokeAsync(owner.Id, revoked.Id), TokenErrorCode.InvalidState);
        var expired = TokenWorld.Fails(await world.Tokens.RevokeAsync(owner.Id, expiring.Id), TokenErrorCode.InvalidState);

        Assert.Equal("'a' is already revoked; there is nothing to revoke.", again.Message);
        Assert.Equal("'b' is already expired; there is nothing to revoke.", expired.Message);
    }

    [Fact]
    public async Task Restored_token_authenticates_again()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id));

        var restored = TokenWorld.Ok(await world.Tokens.RestoreAsync(owner.Id, created.Token.Id));

        Assert.Equal(TokenValidity.Valid, restored.Validity);
        Assert.Null(restored.EffectiveValidTo);
        Assert.True((await world.Verifier.VerifyAsync(created.Secret, null)).IsValid);
        Assert.Equal(AuditAction.TokenRestored, (await world.AuditAsync()).Last().Action);
    }

    [Fact]
    public async Task Revoked_token_past_its_original_valid_to_cannot_be_restored()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id,
            TokenWorld.Draft() with { ValidTo = world.Clock.GetUtcNow().AddDays(1) })).Token;
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, token.Id));
        world.Clock.Advance(TimeSpan.FromDays(2));

        var error = TokenWorld.Fails(await world.Tokens.RestoreAsync(owner.Id, token.Id), TokenErrorCode.InvalidState);

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.False(TokenWorld.Ok(await world.Tokens.GetAsync(owner.Id, token.Id)).CanRestore);
    }

    [Fact]
    public async Task Restoring_a_token_that_is_not_revoked_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner)).Token;

        TokenWorld.Fails(await world.Tokens.RestoreAsync(owner.Id, token.Id), TokenErrorCode.InvalidState);
    }

    [Fact]
    public async Task Restore_respects_the_token_limit()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "1" });
        var owner = await world.UserAsync();
        var first = (await world.CreateAsync(owner, "first")).Token;
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, first.Id));
        await world.CreateAsync(owner, "second");

        TokenWorld.Fails(await world.Tokens.RestoreAsync(owner.Id, first.Id), TokenErrorCode.LimitReached);
    }

    [Fact]
    public async Task Rolled_token_rejects_the_old_secret_and_accepts_the_new_one()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);

        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id));

        Assert.NotEqual(created.Secret, rolled.Secret);
        Assert.Equal(created.Token.Id, rolled.Token.Id);
        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.True((await world.Verifier.VerifyAsync(rolled.Secret, null)).IsValid);
        Assert.Equal(AuditAction.TokenRolled, (await world.AuditAsync()).Last().Action);
    }

    [Fact]
    public async Task Only_the_owner_can_roll_a_token()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var created = await world.CreateAsync(user);

        TokenWorld.Fails(await world.Tokens.RollAsync(admin.Id, created.Token.Id), TokenErrorCode.Forbidden);
        Assert.True((await world.Verifier.VerifyAsync(created.Secret, null)).IsValid);
    }

    [Fact]
    public async Task Revoked_token_cannot_be_rolled()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner)).Token;
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, token.Id));

        TokenWorld.Fails(await world.Tokens.RollAsync(owner.Id, token.Id), TokenErrorCode.InvalidState);
    }

    [Fact]
    public async Task Deleted_token_is_gone_but_its_audit_entries_remain()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner, "doomed");

        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, created.Token.Id));

        Assert.Null(await world.StoredAsync(created.Token.Id));
        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        TokenWorld.Fails(await world.Tokens.GetAsync(owner.Id, created.Token.Id), TokenErrorCode.NotFound);
        var audit = await world.AuditAsync();
        Assert.Equal([AuditAction.TokenCreated, AuditAction.TokenDeleted], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(created.Token.Id, a.TokenId));
        Assert.Equal($"Deleted 'doomed' (owner {owner.DisplayName}).", audit[1].Summary);
    }

    [Fact]
    public async Task Deleting_frees_the_name_and_a_slot()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "1" });
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner, "reused")).Token;

        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, token.Id));

        await world.CreateAsync(owner, "reused");
    }

    [Fact]
    public async Task Every_management_action_writes_exactly_one_audit_entry()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var token = (await world.CreateAsync(owner)).Token;

        var edited = TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("edited")));
        TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, token.Id));
        TokenWorld.Ok(await world.Tokens.RevokeAsync(admin.Id, token.Id));
        TokenWorld.Ok(await world.Tokens.RestoreAsync(admin.Id, token.Id));
        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, owner.Id));
        TokenWorld.Ok(await world.Users.ReactivateAsync(admin.Id, owner.Id));
        TokenWorld.Ok(await world.Tokens.DeleteAsync(admin.Id, token.Id));

        Assert.Equal(
            [AuditAction.TokenCreated, AuditAction.TokenEdited, AuditAction.TokenRolled, AuditAction.TokenRevoked, AuditAction.TokenRestored,
             AuditAction.UserDeactivated, AuditAction.UserReactivated, AuditAction.TokenDeleted],
            (await world.AuditAsync()).Select(a => a.Action));
        Assert.NotEqual(token.Version, edited.Version);
    }
}
