using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Guard;

public class GuardPolicyTests
{
    [Fact]
    public async Task A_policy_requiring_allow_lists_refuses_a_write_token_without_one_and_accepts_read_tokens_and_listed_ones()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { RequireAllowListForWriteScopes = true }, 0));

        var refused = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("writer", "tokens:write")), TokenErrorCode.Invalid);
        var reader = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("reader", "tokens:read")));
        var listed = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("listed writer", "tokens:write") with { AllowedAddresses = ["10.0.0.0/8"] }));
        var widened = TokenWorld.Fails(
            await world.Tokens.EditAsync(owner.Id, reader.Token.Id, reader.Token.Version, TokenWorld.Draft("reader", "tokens:read", "tokens:write")),
            TokenErrorCode.Invalid);

        Assert.Equal("AllowedAddresses", refused.Field);
        Assert.Contains("requires an address allow-list on tokens with write scopes ('tokens:write')", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TokenPolicyRules.AllowListRequiredName, refused.Policy);
        Assert.Equal(["10.0.0.0/8"], listed.Token.AllowedAddresses);
        Assert.Equal("AllowedAddresses", widened.Field);
    }

    [Fact]
    public async Task The_tenant_default_rate_limit_applies_to_tokens_without_their_own()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { DefaultRateLimitPerMinute = 1 }, 0));
        var defaulted = await world.CreateAsync(owner, "defaulted");
        var own = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("own") with { RateLimitPerMinute = 3 }));

        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(defaulted.Secret, null)).Outcome);
        Assert.Equal(VerifyOutcome.RateLimited, (await world.Verifier.VerifyAsync(defaulted.Secret, null)).Outcome);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(own.Secret, null)).Outcome);
        }
    }
}
