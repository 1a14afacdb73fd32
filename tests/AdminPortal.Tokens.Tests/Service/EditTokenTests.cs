using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Tests.Service;

public class EditTokenTests
{
    [Fact]
    public async Task Edit_changes_every_field_and_audits_what_changed()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner, "old", "tokens:read")).Token;
        var until = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var edited = TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, new TokenDraft
        {
            Name = "new",
            Description = "for the nightly job",
            Scopes = ["tokens:write"],
            ValidTo = until,
        }));

        Assert.Equal(("new", "for the nightly job", until), (edited.Name, edited.Description, edited.ValidTo));
        Assert.Equal(["tokens:write"], edited.Scopes);
        Assert.Equal(token.Version + 1, edited.Version);
        var entry = (await world.AuditAsync()).Last();
        Assert.Equal(AuditAction.TokenEdited, entry.Action);
        Assert.Equal(
            "Edited 'new': name 'old' → 'new'; description changed; scopes +tokens:write -tokens:read; "
            + "validity from creation to no expiry → from creation to 2027-01-01 00:00 UTC.",
            entry.Summary);
    }

    [Fact]
    public async Task Stale_edit_fails_with_a_conflict_and_keeps_the_other_change()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var token = (await world.CreateAsync(owner, "shared")).Token;
        TokenWorld.Ok(await world.Tokens.EditAsync(admin.Id, token.Id, token.Version, TokenWorld.Draft("renamed by admin")));

        var stale = await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("renamed by owner"));

        Assert.Contains("Someone else changed this token", TokenWorld.Fails(stale, TokenErrorCode.Conflict).Message, StringComparison.Ordinal);
        Assert.Equal("renamed by admin", (await world.StoredAsync(token.Id))!.Name);
    }

    [Fact]
    public async Task Concurrent_edits_of_one_token_have_exactly_one_winner()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner, "contested")).Token;

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft($"edit {i}")))));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(TokenErrorCode.Conflict, r.Error!.Code));
        Assert.Equal(winner.Value!.Name, (await world.StoredAsync(token.Id))!.Name);
        Assert.Single(await world.AuditAsync(), a => a.Action == AuditAction.TokenEdited);
    }

    [Fact]
    public async Task Rename_to_a_name_the_owner_already_uses_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "first");
        var second = (await world.CreateAsync(owner, "second")).Token;

        var result = await world.Tokens.EditAsync(owner.Id, second.Id, second.Version, TokenWorld.Draft("FIRST"));

        TokenWorld.Fails(result, TokenErrorCode.NameTaken);
    }

    [Fact]
    public async Task Changing_only_the_case_of_the_name_is_allowed()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner, "deploy")).Token;

        var edited = TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("Deploy")));

        Assert.Equal("Deploy", edited.Name);
    }

    [Fact]
    public async Task Started_token_can_be_renamed_without_moving_its_valid_from()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var from = world.Clock.GetUtcNow().AddHours(1);
        var token = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { ValidFrom = from })).Token;
        world.Clock.Advance(TimeSpan.FromDays(3));

        var edited = await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("renamed") with { ValidFrom = from });
        var moved = await world.Tokens.EditAsync(owner.Id, token.Id, TokenWorld.Ok(edited).Version,
            TokenWorld.Draft("renamed") with { ValidFrom = from.AddHours(1) });

        Assert.Equal("ValidFrom", TokenWorld.Fails(moved, TokenErrorCode.Invalid).Field);
    }

    [Fact]
    public async Task Edit_under_invalid_input_changes_nothing()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner, "steady")).Token;

        TokenWorld.Fails(await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("  ")), TokenErrorCode.Invalid);

        var stored = await world.StoredAsync(token.Id);
        Assert.Equal(("steady", token.Version), (stored!.Name, stored.Version));
        Assert.Single(await world.AuditAsync());
    }

    [Fact]
    public async Task Edit_that_changes_nothing_writes_no_audit_entry()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var token = (await world.CreateAsync(owner, "same")).Token;

        var edited = TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("same")));

        Assert.Equal(token.Version, edited.Version);
        Assert.Single(await world.AuditAsync());
    }

    [Fact]
    public async Task Added_scope_must_be_held_but_a_kept_one_need_not_be()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync(Role.FullAdmin);
        var token = (await world.CreateAsync(owner, "audit export", "audit:read")).Token;
        await world.ChangeRoleAsync(owner, Role.User);

        var kept = await world.Tokens.EditAsync(owner.Id, token.Id, token.Version, TokenWorld.Draft("renamed export", "audit:read"));
        var added = await world.Tokens.EditAsync(owner.Id, token.Id, TokenWorld.Ok(kept).Version,
            TokenWorld.Draft("renamed export", "audit:read", "introspect"));

        TokenWorld.Fails(added, TokenErrorCode.ScopeNotHeld);
    }

    [Fact]
    public async Task Admin_cannot_add_a_scope_the_owner_does_not_hold()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        var token = (await world.CreateAsync(user, "user token")).Token;

        var result = await world.Tokens.EditAsync(admin.Id, token.Id, token.Version, TokenWorld.Draft("user token", "tokens:read", "audit:read"));

        TokenWorld.Fails(result, TokenErrorCode.ScopeNotHeld);
    }

    [Fact]
    public async Task Extending_an_expired_token_counts_against_the_limit()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "1" });
        var owner = await world.UserAsync();
        var now = world.Clock.GetUtcNow();
        var expiring = TokenWorld.Ok(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("short") with { ValidTo = now.AddHours(1) })).Token;
        world.Clock.Advance(TimeSpan.FromHours(2));
        await world.CreateAsync(owner, "replacement");

        var extended = await world.Tokens.EditAsync(owner.Id, expiring.Id, expiring.Version,
            TokenWorld.Draft("short") with { ValidTo = world.Clock.GetUtcNow().AddDays(1) });

        TokenWorld.Fails(extended, TokenErrorCode.LimitReached);
    }
}
