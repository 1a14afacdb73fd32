using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Verification;

public class TokenVerifierTests
{
    [Fact]
    public async Task Valid_token_yields_its_identity_tenant_owner_and_scopes()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync(name: "Dana");
        var created = await world.CreateAsync(owner, "ci", "tokens:read", "tokens:write");

        var result = await world.Verifier.VerifyAsync(created.Secret, "203.0.113.9");

        Assert.Equal(VerifyOutcome.Valid, result.Outcome);
        var identity = result.Identity!;
        Assert.Equal((created.Token.Id, "ci", owner.TenantId, owner.Id, "Dana"),
            (identity.TokenId, identity.Name, identity.TenantId, identity.OwnerId, identity.OwnerName));
        Assert.Equal(["tokens:read", "tokens:write"], identity.EffectiveScopes.Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer adp_x")]
    [InlineData("adp_000000000000000000000000000000000000")]
    [InlineData("adp_\u0000\u0001")]
    public async Task Malformed_input_is_rejected_without_asking_the_database(string? presented)
    {
        await using var world = await TokenWorld.StartAsync();

        var result = await world.Verifier.VerifyAsync(presented, null);

        Assert.Equal(VerifyOutcome.Malformed, result.Outcome);
        Assert.Empty(world.Commands);
    }

    [Fact]
    public async Task Secret_with_a_bad_checksum_is_rejected_without_asking_the_database()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var secret = (await world.CreateAsync(owner)).Secret;
        world.Commands.Clear();

        var result = await world.Verifier.VerifyAsync(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), null);

        Assert.Equal(VerifyOutcome.Malformed, result.Outcome);
        Assert.Empty(world.Commands);
    }

    [Fact]
    public async Task Well_formed_secret_that_was_never_issued_is_unknown()
    {
        await using var world = await TokenWorld.StartAsync();
        var foreign = new AdminPortal.Tokens.Secrets.TokenSecretFormat("adp").Generate();

        Assert.Equal(VerifyOutcome.Unknown, (await world.Verifier.VerifyAsync(foreign, null)).Outcome);
    }

    [Fact]
    public async Task Token_is_rejected_before_valid_from_and_after_valid_to()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var now = world.Clock.GetUtcNow();
        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id,
            TokenWorld.Draft() with { ValidFrom = now.AddHours(1), ValidTo = now.AddHours(2) }));

        var early = await world.Verifier.VerifyAsync(created.Secret, null);
        world.Clock.Advance(TimeSpan.FromHours(1));
        var onTime = await world.Verifier.VerifyAsync(created.Secret, null);
        world.Clock.Advance(TimeSpan.FromHours(1));
        var late = await world.Verifier.VerifyAsync(created.Secret, null);

        Assert.Equal([VerifyOutcome.NotYetValid, VerifyOutcome.Valid, VerifyOutcome.Expired], [early.Outcome, onTime.Outcome, late.Outcome]);
    }

    [Fact]
    public async Task Token_loses_a_scope_when_its_owner_loses_it()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync(Role.FullAdmin);
        var created = await world.CreateAsync(owner, "audit", "audit:read", "tokens:read");
        await world.ChangeRoleAsync(owner, Role.User);

        var identity = (await world.Verifier.VerifyAsync(created.Secret, null)).Identity!;

        Assert.Equal(["tokens:read"], identity.EffectiveScopes);
    }

    [Fact]
    public async Task Verification_records_usage_in_memory_and_a_flush_writes_each_token_once()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var a = await world.CreateAsync(owner, "a");
        var b = await world.CreateAsync(owner, "b");
        world.Commands.Clear();

        for (var i = 0; i < 50; i++)
        {
            await world.Verifier.VerifyAsync(i % 2 == 0 ? a.Secret : b.Secret, $"10.0.0.{i}");
            world.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.DoesNotContain(world.Commands, c => c.StartsWith("UPDATE", StringComparison.Ordinal));
        Assert.Null((await world.StoredAsync(a.Token.Id))!.LastUsedAt);
        world.Commands.Clear();
        Assert.Equal(2, await world.Usage.FlushAsync());
        Assert.Equal(2, world.Commands.Count(c => c.StartsWith("UPDATE", StringComparison.Ordinal)));
        var stored = (await world.StoredAsync(b.Token.Id))!;
        Assert.Equal((TokenWorld.Start.AddSeconds(49), "10.0.0.49"), (stored.LastUsedAt, stored.LastUsedFrom));
        Assert.Equal(0, await world.Usage.FlushAsync());
    }

    [Fact]
    public async Task Older_usage_never_overwrites_newer_usage()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        var later = world.Clock.GetUtcNow().AddMinutes(5);

        world.Usage.Record(created.Token.Id, later, "new");
        await world.Usage.FlushAsync();
        world.Usage.Record(created.Token.Id, later.AddMinutes(-3), "old");
        await world.Usage.FlushAsync();

        Assert.Equal("new", (await world.StoredAsync(created.Token.Id))!.LastUsedFrom);
    }

    [Fact]
    public async Task Rejected_calls_record_no_last_use_and_no_address()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id));

        await world.Verifier.VerifyAsync(created.Secret, "10.0.0.9");
        await world.Usage.FlushAsync();

        var view = TokenWorld.Ok(await world.Tokens.GetAsync(owner.Id, created.Token.Id));
        Assert.Null(view.LastUsedAt);
        Assert.Empty(TokenWorld.Ok(await world.Tokens.GetUsageAsync(owner.Id, created.Token.Id, 30)).Addresses);
    }

    [Fact]
    public async Task Verify_from_memory_answers_what_is_cached_and_tells_a_lapsed_token_from_a_made_up_secret_without_the_database()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        await world.Verifier.VerifyAsync(created.Secret, null);
        world.Commands.Clear();

        var cached = world.Verifier.VerifyFromMemory(created.Secret, null, out _);
        var malformed = world.Verifier.VerifyFromMemory("adp_not-a-secret", null, out _);
        var madeUp = world.Verifier.VerifyFromMemory(new AdminPortal.Tokens.Secrets.TokenSecretFormat("adp").Generate(), null, out var madeUpWasToken);
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        var lapsed = world.Verifier.VerifyFromMemory(created.Secret, null, out var lapsedWasToken);

        Assert.Equal(VerifyOutcome.Valid, cached?.Outcome);
        Assert.Equal(VerifyOutcome.Malformed, malformed?.Outcome);
        Assert.Equal((null, false), (madeUp, madeUpWasToken));
        Assert.Equal((null, true), (lapsed, lapsedWasToken));
        Assert.Empty(world.Commands);
    }
}
