using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tokens.Tests.Service;

/// <summary>The tenant policy's rules for new, edited and restored tokens; each refusal names the policy.</summary>
public class PolicyEnforcementTests
{
    private static async Task<PortalUser> WithPolicyAsync(TokenWorld world, TenantPolicySettings settings)
    {
        var admin = await world.UserAsync(Role.FullAdmin, name: "Policy Admin");
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, settings, 0));
        return admin;
    }

    [Fact]
    public async Task A_maximum_lifetime_refuses_a_later_end_and_no_end_and_accepts_one_within_it()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        await WithPolicyAsync(world, TenantPolicySettings.Defaults with { MaxLifetimeDays = 90 });
        var now = world.Clock.GetUtcNow();

        var tooLong = TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("long") with { ValidTo = now.AddDays(91) }), TokenErrorCode.Invalid);
        var endless = TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("endless")), TokenErrorCode.Invalid);
        var fits = TokenWorld.Ok(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("fits") with { ValidTo = now.AddDays(90) }));

        Assert.StartsWith("The tenant policy 'Maximum lifetime: 90 days' allows tokens to be valid for at most 90 days", tooLong.Message);
        Assert.Equal(("ValidTo", "Maximum lifetime: 90 days"), (tooLong.Field, tooLong.Policy));
        Assert.StartsWith("The tenant policy 'Maximum lifetime: 90 days' requires every token to expire", endless.Message);
        Assert.Equal(now.AddDays(90), fits.Token.ValidTo);
    }

    [Fact]
    public async Task Required_expiry_refuses_a_token_without_valid_to()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        await WithPolicyAsync(world, TenantPolicySettings.Defaults with { RequireExpiry = true });

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft()), TokenErrorCode.Invalid);
        TokenWorld.Ok(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft() with { ValidTo = world.Clock.GetUtcNow().AddYears(5) }));

        Assert.Equal("Expiry date required", error.Policy);
        Assert.Contains("The tenant policy 'Expiry date required'", error.Message);
    }

    [Fact]
    public async Task An_edit_is_held_to_the_lifetime_only_when_it_changes_the_end_so_an_old_token_can_still_be_renamed()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var old = (await world.CreateAsync(user, "old")).Token;
        await WithPolicyAsync(world, TenantPolicySettings.Defaults with { MaxLifetimeDays = 30 });
        var now = world.Clock.GetUtcNow();

        var renamed = TokenWorld.Ok(await world.Tokens.EditAsync(user.Id, old.Id, old.Version, TokenWorld.Draft("renamed")));
        var extended = await world.Tokens.EditAsync(user.Id, old.Id, renamed.Version, TokenWorld.Draft("renamed") with { ValidTo = now.AddDays(31) });
        TokenWorld.Ok(await world.Tokens.EditAsync(user.Id, old.Id, renamed.Version, TokenWorld.Draft("renamed") with { ValidTo = now.AddDays(30) }));

        Assert.Equal("Maximum lifetime: 30 days", TokenWorld.Fails(extended, TokenErrorCode.Invalid).Policy);
    }

    [Fact]
    public async Task A_revoked_token_that_breaks_the_policy_cannot_be_restored()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var token = (await world.CreateAsync(user)).Token;
        TokenWorld.Ok(await world.Tokens.RevokeAsync(user.Id, token.Id));
        await WithPolicyAsync(world, TenantPolicySettings.Defaults with { RequireExpiry = true });

        var error = TokenWorld.Fails(await world.Tokens.RestoreAsync(user.Id, token.Id), TokenErrorCode.Invalid);

        Assert.Equal("Expiry date required", error.Policy);
        Assert.NotNull((await world.StoredAsync(token.Id))!.RevokedAt);
    }

    [Fact]
    public async Task Only_admins_create_tokens_is_one_rule_named_in_the_refusal()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var admin = await WithPolicyAsync(world, TenantPolicySettings.Defaults with { OnlyAdminsCreateTokens = true });

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft()), TokenErrorCode.Forbidden);
        TokenWorld.Ok(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft() with { OwnerId = user.Id }));

        Assert.Equal("Only administrators create tokens", error.Policy);
        Assert.StartsWith("The tenant policy 'Only administrators create tokens'", error.Message);
    }

    [Fact]
    public async Task The_most_usable_tokens_per_person_tightens_the_configured_limit_for_create_and_restore()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var first = (await world.CreateAsync(user, "first")).Token;
        await world.CreateAsync(user, "second");
        await WithPolicyAsync(world, TenantPolicySettings.Defaults with { MaxUsableTokensPerPerson = 2 });

        var third = TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("third")), TokenErrorCode.LimitReached);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(user.Id, first.Id));
        TokenWorld.Ok(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("third")));
        var restore = TokenWorld.Fails(await world.Tokens.RestoreAsync(user.Id, first.Id), TokenErrorCode.LimitReached);

        Assert.Equal("The tenant policy 'At most 2 usable tokens per person' allows no more: the owner already has 2 usable tokens. Revoke or delete one first.", third.Message);
        Assert.Equal("At most 2 usable tokens per person", restore.Policy);
    }

    [Fact]
    public async Task Scopes_are_limited_per_role_for_the_owner_and_the_maker_and_the_limits_offer_only_the_allowed_ones()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        var admin = await WithPolicyAsync(world, TenantPolicySettings.Defaults with
        {
            ScopesByRole = new Dictionary<Role, IReadOnlyList<string>> { [Role.User] = ["tokens:read", "alerts:read"] },
        });

        var own = TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("w", "tokens:write")), TokenErrorCode.ScopeNotHeld);
        var forUser = TokenWorld.Fails(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("w", "alerts:write") with { OwnerId = user.Id }), TokenErrorCode.ScopeNotHeld);
        var read = TokenWorld.Ok(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("r", "tokens:read"))).Token;
        var added = await world.Tokens.EditAsync(user.Id, read.Id, read.Version, TokenWorld.Draft("r", "tokens:read", "tokens:write"));
        TokenWorld.Ok(await world.Tokens.CreateAsync(admin.Id, TokenWorld.Draft("admin's", "tokens:write", "audit:read")));
        var limits = TokenWorld.Ok(await world.Tokens.LimitsForAsync(user.Id));

        Assert.Equal("The tenant policy 'Scopes in tokens of users' does not allow 'tokens:write' in tokens of users: they may put only alerts:read, tokens:read in tokens.", own.Message);
        Assert.Equal(("Scopes", "Scopes in tokens of users"), (forUser.Field, forUser.Policy));
        Assert.Equal("Scopes in tokens of users", TokenWorld.Fails(added, TokenErrorCode.ScopeNotHeld).Policy);
        Assert.Equal(["alerts:read", "tokens:read"], limits.AllowedScopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_limits_for_a_form_say_the_latest_end_and_check_it_in_the_service_s_words()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();
        await WithPolicyAsync(world, TenantPolicySettings.Defaults with { MaxLifetimeDays = 90 });
        var now = world.Clock.GetUtcNow();

        var limits = TokenWorld.Ok(await world.Tokens.LimitsForAsync(user.Id));
        var problems = TokenRules.Problems(TokenWorld.Draft() with { ValidTo = now.AddDays(100) }, world.Services.GetRequiredService<ScopeCatalog>(),
            limits.AllowedScopes, now, TimeSpan.Zero, limits: limits);

        Assert.Equal(now.AddDays(90), limits.LatestValidTo(now));
        Assert.True(limits.ExpiryRequired);
        Assert.Equal("Policy: at most 90 days", limits.LifetimeHint);
        Assert.Equal("Maximum lifetime: 90 days", Assert.Single(problems).Policy);
    }
}
