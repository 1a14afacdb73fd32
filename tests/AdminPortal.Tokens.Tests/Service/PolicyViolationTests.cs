using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Service;

/// <summary>The existing tokens that break a policy: listed in pages from the database, shortened or revoked in bulk, one audit entry each.</summary>
public class PolicyViolationTests
{
    private static readonly TenantPolicySettings Strict = TenantPolicySettings.Defaults with
    {
        MaxLifetimeDays = 30,
        MaxUsableTokensPerPerson = 2,
        ScopesByRole = new Dictionary<Role, IReadOnlyList<string>> { [Role.User] = ["tokens:read"] },
    };

    /// <summary>
    /// A tenant whose user holds: "fine" (read, ends in 10 days), "endless" (no end), "writer" (tokens:write, ends in 10
    /// days), "third" (the third usable one, ends in 10 days), a revoked endless one; another tenant's endless token.
    /// </summary>
    private static async Task<(PortalUser Admin, PortalUser User, Dictionary<string, CreatedToken> Tokens)> TenantAsync(TokenWorld world)
    {
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var other = await world.UserAsync(tenant: "tenant-b");
        var soon = world.Clock.GetUtcNow().AddDays(10);
        var tokens = new Dictionary<string, CreatedToken>();
        async Task Add(string name, TokenDraft draft)
        {
            tokens[name] = TokenWorld.Ok(await world.Tokens.CreateAsync(user.Id, draft with { Name = name }));
            world.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await Add("fine", TokenWorld.Draft() with { ValidTo = soon });
        await Add("endless", TokenWorld.Draft());
        await Add("writer", TokenWorld.Draft("w", "tokens:write") with { ValidTo = soon });
        await Add("third", TokenWorld.Draft() with { ValidTo = soon });
        await Add("revoked", TokenWorld.Draft());
        TokenWorld.Ok(await world.Tokens.RevokeAsync(user.Id, tokens["revoked"].Token.Id));
        await world.CreateAsync(other, "elsewhere");
        return (admin, user, tokens);
    }

    [Fact]
    public async Task A_proposed_policy_lists_the_usable_tokens_of_the_tenant_that_break_it_with_each_broken_policy()
    {
        await using var world = await TokenWorld.StartAsync();
        var (admin, _, tokens) = await TenantAsync(world);

        var first = TokenWorld.Ok(await world.Tokens.PolicyViolationsAsync(admin.Id, Strict, page: 1, pageSize: 2));
        var second = TokenWorld.Ok(await world.Tokens.PolicyViolationsAsync(admin.Id, Strict, page: 2, pageSize: 2));
        var saved = TokenWorld.Ok(await world.Tokens.PolicyViolationsAsync(admin.Id));

        Assert.Equal(3, first.Total);
        Assert.Equal(1, first.TooLong);
        var listed = first.Items.Concat(second.Items).ToDictionary(v => v.Token.Name, v => v.Policies);
        Assert.Equal(["endless", "third", "writer"], listed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Maximum lifetime: 30 days"], listed["endless"]);
        Assert.Equal(["Scopes in tokens of users", "At most 2 usable tokens per person"], listed["writer"]);
        Assert.Equal(["At most 2 usable tokens per person"], listed["third"]);
        Assert.Equal(0, saved.Total);
        Assert.DoesNotContain(listed.Keys, name => name == tokens["fine"].Token.Name);
    }

    [Fact]
    public async Task Only_full_admins_see_the_violations_or_act_on_them()
    {
        await using var world = await TokenWorld.StartAsync();
        var reader = await world.UserAsync(Role.SecurityReader);
        var user = await world.UserAsync();

        foreach (var who in new[] { reader, user })
        {
            TokenWorld.Fails(await world.Tokens.PolicyViolationsAsync(who.Id, Strict), TokenErrorCode.Forbidden);
            TokenWorld.Fails(await world.Tokens.ShortenToPolicyAsync(who.Id, 0), TokenErrorCode.Forbidden);
            TokenWorld.Fails(await world.Tokens.RevokeViolationsAsync(who.Id, 0), TokenErrorCode.Forbidden);
        }
    }

    [Fact]
    public async Task Shortening_gives_each_too_long_token_the_maximum_lifetime_with_its_own_audit_entry()
    {
        await using var world = await TokenWorld.StartAsync();
        var (admin, _, tokens) = await TenantAsync(world);
        var policy = TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, Strict, 0));
        var now = world.Clock.GetUtcNow();

        var outcome = TokenWorld.Ok(await world.Tokens.ShortenToPolicyAsync(admin.Id, policy.Version));

        Assert.Equal(new BulkOutcome(1, 0), outcome);
        Assert.Equal(now.AddDays(30), (await world.StoredAsync(tokens["endless"].Token.Id))!.ValidTo);
        var entry = Assert.Single(await world.AuditAsync(), e => e.Action == AuditAction.TokenEdited);
        Assert.Equal(tokens["endless"].Token.Id, entry.TokenId);
        Assert.Equal(admin.Id, entry.ActorId);
        Assert.StartsWith("By the tenant policy 'Maximum lifetime: 30 days': Edited 'endless': validity from creation to no expiry →", entry.Summary);
        Assert.Equal(0, TokenWorld.Ok(await world.Tokens.PolicyViolationsAsync(admin.Id)).TooLong);
    }

    [Fact]
    public async Task Revoking_in_bulk_revokes_the_violating_tokens_oldest_first_one_audit_entry_each_and_verification_refuses_them_at_once()
    {
        await using var world = await TokenWorld.StartAsync();
        var (admin, _, tokens) = await TenantAsync(world);
        Assert.True((await world.Verifier.VerifyAsync(tokens["writer"].Secret, null)).IsValid);
        var policy = TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, Strict, 0));

        var outcome = TokenWorld.Ok(await world.Tokens.RevokeViolationsAsync(admin.Id, policy.Version));

        // "endless" and "writer" go; then "third" is its owner's second usable token, within the limit, and stays.
        Assert.Equal(new BulkOutcome(2, 0), outcome);
        Assert.Equal(VerifyOutcome.Revoked, (await world.Verifier.VerifyAsync(tokens["writer"].Secret, null)).Outcome);
        Assert.True((await world.Verifier.VerifyAsync(tokens["third"].Secret, null)).IsValid);
        var revoked = (await world.AuditAsync()).Where(e => e.Action == AuditAction.TokenRevoked && e.ActorId == admin.Id).ToList();
        Assert.Equal(
            new[] { "endless", "writer" }.Select(n => tokens[n].Token.Id).Order(),
            revoked.Select(e => e.TokenId!.Value).Order());
        Assert.Contains(revoked, e => e.Summary == "Revoked 'writer' by the tenant policy: it broke 'Scopes in tokens of users'.");
        Assert.Equal(0, TokenWorld.Ok(await world.Tokens.PolicyViolationsAsync(admin.Id)).Total);
    }

    [Fact]
    public async Task A_bulk_action_on_a_policy_changed_since_it_was_read_is_a_conflict_and_changes_nothing()
    {
        await using var world = await TokenWorld.StartAsync();
        var (admin, _, _) = await TenantAsync(world);
        var seen = TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, Strict, 0));
        TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, Strict with { MaxLifetimeDays = 60 }, seen.Version));

        TokenWorld.Fails(await world.Tokens.RevokeViolationsAsync(admin.Id, seen.Version), TokenErrorCode.Conflict);

        Assert.DoesNotContain(await world.AuditAsync(), e => e.Action == AuditAction.TokenRevoked && e.ActorId == admin.Id);
    }
}
