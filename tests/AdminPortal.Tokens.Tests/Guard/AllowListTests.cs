using AdminPortal.Tokens.Guard;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Tests.Guard;

public class AllowListTests
{
    [Fact]
    public void Entries_are_canonicalised_and_kept_once()
    {
        var (entries, error) = AddressAllowList.Normalize([" 203.0.113.7 ", "10.0.0.0/8", "2001:DB8::/32", "203.0.113.7/32", "", "::ffff:192.0.2.1"]);

        Assert.Null(error);
        Assert.Equal(["203.0.113.7", "10.0.0.0/8", "2001:db8::/32", "192.0.2.1"], entries);
    }

    [Theory]
    [InlineData("example.org", "is not an IPv4 or IPv6 address")]
    [InlineData("10.1", "is not an IPv4 or IPv6 address")]
    [InlineData("fe80::1%eth0", "is not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.0/33", "invalid prefix length: it must be a number from 0 to 32")]
    [InlineData("2001:db8::/129", "from 0 to 128")]
    [InlineData("10.0.0.0/", "invalid prefix length")]
    [InlineData("10.0.0.0/+8", "invalid prefix length")]
    [InlineData("10.1.2.3/8", "the range it names is 10.0.0.0/8")]
    public void A_bad_entry_is_refused_with_a_specific_reason(string entry, string reason)
    {
        var (entries, error) = AddressAllowList.Normalize([entry]);

        Assert.Null(entries);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_fifty_entries_are_refused_and_nothing_is_created()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var draft = TokenWorld.Draft() with { AllowedAddresses = [.. Enumerable.Range(1, 51).Select(i => $"192.0.2.{i}")] };

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, draft), TokenErrorCode.Invalid);

        Assert.Equal("AllowedAddresses", error.Field);
        Assert.Contains("at most 50", error.Message, StringComparison.Ordinal);
        await using var db = world.Db();
        Assert.Empty(db.Tokens);
    }

    [Fact]
    public async Task A_token_with_an_allow_list_verifies_only_from_its_addresses()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var draft = TokenWorld.Draft() with { AllowedAddresses = ["203.0.113.0/24", "2001:db8::/32"] };
        var created = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, draft));

        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], created.Token.AllowedAddresses);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, "203.0.113.200")).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, "2001:db8:1::5")).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, "::ffff:203.0.113.9")).Outcome);
        var elsewhere = await world.Verifier.VerifyAsync(created.Secret, "198.51.100.1");
        Assert.Equal(VerifyOutcome.AddressNotAllowed, elsewhere.Outcome);
        Assert.Null(elsewhere.Identity);
        Assert.Equal(VerifyOutcome.AddressNotAllowed, (await world.Verifier.VerifyAsync(created.Secret, "unknown")).Outcome);
        Assert.Equal(VerifyOutcome.AddressNotAllowed, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public async Task An_empty_allow_list_allows_any_address()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);

        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, "198.51.100.1")).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, null)).Outcome);
    }

    [Fact]
    public async Task Editing_the_allow_list_applies_from_the_next_call_and_is_audited()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, "198.51.100.1")).Outcome);

        var draft = TokenWorld.Draft(created.Token.Name, [.. created.Token.Scopes]) with { AllowedAddresses = ["203.0.113.5"] };
        TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, created.Token.Id, created.Token.Version, draft));

        Assert.Equal(VerifyOutcome.AddressNotAllowed, (await world.Verifier.VerifyAsync(created.Secret, "198.51.100.1")).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await world.Verifier.VerifyAsync(created.Secret, "203.0.113.5")).Outcome);
        var audit = await world.AuditAsync();
        Assert.Contains(audit, a => a.Action == AuditAction.TokenEdited && a.Summary.Contains("allowed addresses any → 203.0.113.5", StringComparison.Ordinal));
    }
}
