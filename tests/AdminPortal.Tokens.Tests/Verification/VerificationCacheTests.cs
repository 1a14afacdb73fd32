using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Verification;

public class VerificationCacheTests
{
    [Fact]
    public async Task Cached_verification_runs_no_database_command()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        await world.Verifier.VerifyAsync(created.Secret, null);
        world.Commands.Clear();

        var results = new List<VerifyOutcome>();
        for (var i = 0; i < 100; i++)
        {
            results.Add((await world.Verifier.VerifyAsync(created.Secret, "10.0.0.1")).Outcome);
        }

        Assert.All(results, r => Assert.Equal(VerifyOutcome.Valid, r));
        Assert.Empty(world.Commands);
    }

    [Fact]
    public async Task Revoked_token_is_rejected_on_the_next_call_although_cached()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await WarmAsync(world, owner);

        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id));

        Assert.Equal(VerifyOutcome.Revoked, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public async Task Restored_token_is_accepted_on_the_next_call()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id));
        Assert.Equal(VerifyOutcome.Revoked, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);

        TokenWorld.Ok(await world.Tokens.RestoreAsync(owner.Id, created.Token.Id));

        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public async Task Rolled_token_refuses_the_old_secret_on_the_next_call_and_accepts_the_new_one()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await WarmAsync(world, owner);

        var rolled = TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, created.Token.Id));

        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(rolled.Secret, null)).Outcome);
    }

    [Fact]
    public async Task Deleted_token_is_unknown_on_the_next_call()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await WarmAsync(world, owner);

        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, created.Token.Id));

        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public async Task Token_of_a_deactivated_owner_is_refused_on_the_next_call_and_accepted_after_reactivation()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var created = await WarmAsync(world, owner);

        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, owner.Id));
        var suspended = await world.Verifier.VerifyAsync(created.Secret, null);
        TokenWorld.Ok(await world.Users.ReactivateAsync(admin.Id, owner.Id));
        var back = await world.Verifier.VerifyAsync(created.Secret, null);

        Assert.Equal([VerifyOutcome.OwnerDeactivated, VerifyOutcome.Valid], [suspended.Outcome, back.Outcome]);
    }

    [Fact]
    public async Task Edited_scopes_apply_on_the_next_call()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await WarmAsync(world, owner, "tokens:read", "tokens:write");

        TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, created.Token.Id, created.Token.Version,
            TokenWorld.Draft(created.Token.Name, "tokens:read")));

        Assert.Equal(["tokens:read"], (await world.Verifier.VerifyAsync(created.Secret, null)).Identity!.EffectiveScopes);
    }

    [Fact]
    public async Task New_role_at_sign_in_changes_the_effective_scopes_on_the_next_call()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync(Role.FullAdmin);
        var created = await WarmAsync(world, owner, "audit:read", "tokens:read");

        await world.ChangeRoleAsync(owner, Role.User);

        Assert.Equal(["tokens:read"], (await world.Verifier.VerifyAsync(created.Secret, null)).Identity!.EffectiveScopes);
    }

    [Fact]
    public async Task A_change_to_one_token_keeps_the_others_cached()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var kept = await WarmAsync(world, owner, "kept");
        var revoked = await WarmAsync(world, owner, "revoked");
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, revoked.Token.Id));
        world.Commands.Clear();

        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(kept.Secret, null)).Outcome);
        Assert.Empty(world.Commands);
    }

    [Fact]
    public async Task Cached_token_expires_at_its_valid_to_without_asking_the_database()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var now = world.Clock.GetUtcNow();
        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { ValidTo = now.AddSeconds(20) }));
        var before = await world.Verifier.VerifyAsync(created.Secret, null);
        world.Commands.Clear();

        world.Clock.Advance(TimeSpan.FromSeconds(20));
        var after = await world.Verifier.VerifyAsync(created.Secret, null);

        Assert.Equal([VerifyOutcome.Valid, VerifyOutcome.Expired], [before.Outcome, after.Outcome]);
        Assert.Empty(world.Commands);
    }

    [Fact]
    public async Task Cached_scheduled_token_becomes_valid_at_its_valid_from_without_asking_the_database()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var now = world.Clock.GetUtcNow();
        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { ValidFrom = now.AddSeconds(10) }));
        var before = await world.Verifier.VerifyAsync(created.Secret, null);
        world.Commands.Clear();

        world.Clock.Advance(TimeSpan.FromSeconds(10));
        var after = await world.Verifier.VerifyAsync(created.Secret, null);

        Assert.Equal([VerifyOutcome.NotYetValid, VerifyOutcome.Valid], [before.Outcome, after.Outcome]);
        Assert.Empty(world.Commands);
    }

    [Fact]
    public async Task Unknown_secret_is_remembered_for_the_configured_time_then_looked_up_again()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:UnknownSecretCacheDuration"] = "00:00:05" });
        var foreign = new TokenSecretFormat("adp").Generate();
        await world.Verifier.VerifyAsync(foreign, null);
        var queriesOfALookUp = world.Commands.Count;
        world.Commands.Clear();

        var remembered = await world.Verifier.VerifyAsync(foreign, null);
        var queriesWhileRemembered = world.Commands.Count;
        world.Clock.Advance(TimeSpan.FromSeconds(5));
        var askedAgain = await world.Verifier.VerifyAsync(foreign, null);

        Assert.Equal([VerifyOutcome.Unknown, VerifyOutcome.Unknown], [remembered.Outcome, askedAgain.Outcome]);
        Assert.Equal(0, queriesWhileRemembered);

        // The current secrets, then the rolled-away ones: two point reads by hash.
        Assert.Equal(2, queriesOfALookUp);
        Assert.Equal(queriesOfALookUp, world.Commands.Count);
    }

    [Fact]
    public async Task Known_token_is_read_again_after_the_cache_duration()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:VerificationCacheDuration"] = "00:00:30" });
        var owner = await world.UserAsync();
        var created = await WarmAsync(world, owner);

        world.Clock.Advance(TimeSpan.FromSeconds(29));
        await world.Verifier.VerifyAsync(created.Secret, null);
        var withinDuration = world.Commands.Count;
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        await world.Verifier.VerifyAsync(created.Secret, null);

        Assert.Equal(0, withinDuration);
        Assert.Single(world.Commands);
    }

    [Fact]
    public void Answer_loaded_before_a_change_is_not_cached()
    {
        var cache = new VerificationCache(Microsoft.Extensions.Options.Options.Create(new TokenOptions()));
        var loadedAt = cache.Generation;

        cache.OnTokenChanged(TokenChange.OfToken(Guid.NewGuid()));
        cache.Add("hash", CachedToken.Unknown(TokenWorld.Start.AddMinutes(1)), loadedAt, TokenWorld.Start);

        Assert.Null(cache.Find("hash", TokenWorld.Start));
    }

    [Fact]
    public void Full_cache_keeps_its_capacity_and_the_recently_used_unknown_hashes_when_more_arrive()
    {
        var cache = new VerificationCache(Microsoft.Extensions.Options.Options.Create(new TokenOptions { VerificationCacheSize = 100 }));
        var later = TokenWorld.Start.AddMinutes(1);
        for (var i = 0; i < 100; i++)
        {
            cache.Add($"old-{i}", CachedToken.Unknown(later), cache.Generation, TokenWorld.Start);
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(cache.Find($"old-{i}", TokenWorld.Start));
        }

        for (var i = 0; i < 50; i++)
        {
            cache.Add($"new-{i}", CachedToken.Unknown(later), cache.Generation, TokenWorld.Start);
        }

        Assert.Equal(100, cache.Count);
        Assert.All(Enumerable.Range(0, 10), i => Assert.NotNull(cache.Find($"old-{i}", TokenWorld.Start)));
        Assert.All(Enumerable.Range(0, 50), i => Assert.NotNull(cache.Find($"new-{i}", TokenWorld.Start)));
        Assert.Null(cache.Find("old-10", TokenWorld.Start));
    }

    [Fact]
    public async Task Full_cache_of_tokens_admits_a_newly_read_token_and_keeps_the_ones_in_use()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Tokens:VerificationCacheSize"] = "100",
            ["Tokens:MaxUsableTokensPerOwner"] = "200",
        });
        var owner = await world.UserAsync();
        var tokens = new List<CreatedToken>();
        for (var i = 0; i <= 100; i++)
        {
            tokens.Add(await world.CreateAsync(owner, $"token {i}"));
        }

        foreach (var token in tokens[..100].Concat(tokens[..50]))
        {
            Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(token.Secret, null)).Outcome);
        }

        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(tokens[100].Secret, null)).Outcome);
        world.Commands.Clear();
        foreach (var token in tokens[..50].Append(tokens[100]))
        {
            Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(token.Secret, null)).Outcome);
        }

        Assert.Empty(world.Commands);
    }

    [Fact]
    public async Task Flood_of_unknown_secrets_does_not_push_the_tokens_in_use_out_of_a_full_cache()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:VerificationCacheSize"] = "100" });
        var owner = await world.UserAsync();
        var tokens = new List<CreatedToken>();
        for (var i = 0; i < 10; i++)
        {
            tokens.Add(await WarmAsync(world, owner, $"token {i}"));
        }

        var format = new TokenSecretFormat("adp");
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(format.Generate(), null)).Outcome);
        }

        world.Commands.Clear();
        foreach (var token in tokens)
        {
            Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(token.Secret, null)).Outcome);
        }

        Assert.Empty(world.Commands);
    }

    private static async Task<CreatedToken> WarmAsync(TokenWorld world, PortalUser owner, string name = "ci deploy", params string[] scopes)
    {
        var created = await world.CreateAsync(owner, name, scopes);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
        world.Commands.Clear();
        return created;
    }
}
