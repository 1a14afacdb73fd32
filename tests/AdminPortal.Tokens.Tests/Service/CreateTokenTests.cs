using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Service;

public class CreateTokenTests
{
    [Fact]
    public async Task Create_returns_the_secret_once_and_stores_only_its_hash()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var created = await world.CreateAsync(owner, "deploy bot", "tokens:read", "tokens:write");

        Assert.StartsWith("adp_", created.Secret);
        Assert.DoesNotContain(created.Secret, created.ToString());
        var stored = await world.StoredAsync(created.Token.Id);
        Assert.NotNull(stored);
        Assert.Matches("^[0-9a-f]{64}$", stored.SecretHash);
        if (world.Engine == AdminPortal.Tokens.Options.DatabaseProvider.Sqlite)
        {
            Assert.DoesNotContain(created.Secret, world.RawDatabaseText(), StringComparison.Ordinal);
            Assert.Contains(stored.SecretHash, world.RawDatabaseText(), StringComparison.Ordinal);
        }
        Assert.Equal(["tokens:read", "tokens:write"], created.Token.Scopes);
        Assert.Equal(TokenValidity.Valid, created.Token.Validity);
        Assert.Equal(TokenUsage.Generated, created.Token.Usage);
        Assert.Equal(owner.Id, created.Token.OwnerId);
        Assert.Equal(TokenWorld.Start, created.Token.CreatedAt);
    }

    [Fact]
    public async Task Name_is_trimmed()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var created = await world.CreateAsync(owner, "  nightly export \t");

        Assert.Equal("nightly export", created.Token.Name);
    }

    [Theory]
    [InlineData(null, "Name is required.")]
    [InlineData("", "Name is required.")]
    [InlineData("   \t ", "Name is required.")]
    [InlineData("bad\u0000name", "Name must not contain control, invisible or direction-override characters.")]
    [InlineData("evil\u202Eexe.txt", "Name must not contain control, invisible or direction-override characters.")]
    public async Task Invalid_name_is_refused_with_a_message_naming_the_field(string? name, string message)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft(name!)), TokenErrorCode.Invalid);

        Assert.Equal("Name", error.Field);
        Assert.Equal(message, error.Message);
        await using var db = world.Db();
        Assert.Equal(0, await db.Tokens.CountAsync());
        Assert.Equal(0, await db.Audit.CountAsync());
    }

    [Fact]
    public async Task Name_may_have_100_characters_but_not_101()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        await world.CreateAsync(owner, new string('n', 100));
        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft(new string('m', 101))), TokenErrorCode.Invalid);

        Assert.Equal("Name must be at most 100 characters.", error.Message);
    }

    [Theory]
    [InlineData("Deploy Bot", "deploy bot")]
    [InlineData("Ärger", "äRGER")]
    public async Task Name_is_unique_per_owner_ignoring_case(string first, string second)
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, first);

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft(second)), TokenErrorCode.NameTaken);

        Assert.Equal("Name", error.Field);
    }

    [Fact]
    public async Task Two_owners_may_use_the_same_name()
    {
        await using var world = await TokenWorld.StartAsync();
        var alice = await world.UserAsync();
        var bob = await world.UserAsync();

        await world.CreateAsync(alice, "deploy");
        await world.CreateAsync(bob, "deploy");
    }

    [Fact]
    public async Task Description_over_500_characters_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { Description = new string('d', 500) });
        var error = TokenWorld.Fails(
            await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("other") with { Description = new string('d', 501) }), TokenErrorCode.Invalid);

        Assert.Equal("Description", error.Field);
    }

    [Fact]
    public async Task At_least_one_scope_is_required()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { Scopes = [] }), TokenErrorCode.Invalid);

        Assert.Equal(("Scopes", "Choose at least one scope."), (error.Field, error.Message));
    }

    [Fact]
    public async Task Unknown_scope_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("x", "tokens:read", "root")), TokenErrorCode.ScopeUnknown);

        Assert.Equal("Unknown scope 'root'.", error.Message);
    }

    [Fact]
    public async Task Read_only_issuer_cannot_grant_a_write_scope()
    {
        await using var world = await TokenWorld.StartAsync();
        var reader = await world.UserAsync(Role.SecurityReader);

        TokenWorld.Fails(await world.Tokens.CreateAsync(reader.Id, TokenWorld.Draft("x", "tokens:write")), TokenErrorCode.ScopeNotHeld);
        var read = await world.CreateAsync(reader, "y", "tokens:read", "audit:read");

        Assert.Equal(["audit:read", "tokens:read"], read.Token.Scopes);
    }

    [Fact]
    public async Task User_cannot_grant_a_scope_only_admins_hold()
    {
        await using var world = await TokenWorld.StartAsync();
        var user = await world.UserAsync();

        TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft("x", "audit:read")), TokenErrorCode.ScopeNotHeld);
    }

    [Fact]
    public async Task Valid_from_in_the_past_is_refused_beyond_a_minute_of_skew()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var now = world.Clock.GetUtcNow();

        var error = TokenWorld.Fails(
            await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { ValidFrom = now.AddMinutes(-2) }), TokenErrorCode.Invalid);
        var withinSkew = await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("b") with { ValidFrom = now.AddSeconds(-50) });

        Assert.Equal(("ValidFrom", "Valid from cannot be in the past."), (error.Field, error.Message));
        Assert.True(withinSkew.Succeeded);
    }

    [Fact]
    public async Task Valid_to_in_the_past_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with
        {
            ValidTo = world.Clock.GetUtcNow().AddDays(-1),
        }), TokenErrorCode.Invalid);

        Assert.Equal("ValidTo", error.Field);
    }

    [Fact]
    public async Task Valid_to_must_be_after_valid_from()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var from = world.Clock.GetUtcNow().AddDays(2);

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { ValidFrom = from, ValidTo = from }),
            TokenErrorCode.Invalid);

        Assert.Equal(("ValidTo", "Valid to must be after valid from."), (error.Field, error.Message));
    }

    [Fact]
    public async Task Dates_in_other_offsets_are_stored_as_the_same_instant_in_utc()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var from = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(5));

        var created = await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { ValidFrom = from });
        var stored = await world.StoredAsync(TokenWorld.Ok(created).Token.Id);

        Assert.Equal(from.UtcDateTime, stored!.ValidFrom!.Value.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, stored.ValidFrom.Value.Offset);
    }

    [Fact]
    public async Task Caller_supplied_guid_is_used_and_a_taken_one_is_refused()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var other = await world.UserAsync();
        var id = Guid.NewGuid();

        var created = await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft() with { Id = id });
        var taken = await world.Tokens.CreateAsync(other.Id, TokenWorld.Draft() with { Id = id });

        Assert.Equal(id, TokenWorld.Ok(created).Token.Id);
        Assert.Equal("Id", TokenWorld.Fails(taken, TokenErrorCode.GuidTaken).Field);
    }

    [Fact]
    public async Task Eleventh_usable_token_is_refused_and_revoked_or_expired_ones_do_not_count()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var tokens = new List<CreatedToken>();
        for (var i = 0; i < 10; i++)
        {
            tokens.Add(await world.CreateAsync(owner, $"token {i}"));
        }

        var error = TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("one too many")), TokenErrorCode.LimitReached);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, tokens[0].Token.Id));
        await world.CreateAsync(owner, "after a revoke");

        Assert.Contains("10 usable tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limit_is_configurable()
    {
        await using var world = await TokenWorld.StartAsync(new Dictionary<string, string?> { ["Tokens:MaxUsableTokensPerOwner"] = "2" });
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "a");
        await world.CreateAsync(owner, "b");

        TokenWorld.Fails(await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("c")), TokenErrorCode.LimitReached);
    }

    [Fact]
    public async Task Concurrent_creates_by_one_owner_never_exceed_the_limit()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            Task.Run(() => world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft($"parallel {i}")))));

        Assert.Equal(10, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(TokenErrorCode.LimitReached, r.Error!.Code));
        await using var db = world.Db();
        Assert.Equal(10, await db.Tokens.CountAsync(t => t.OwnerId == owner.Id));
    }

    [Fact]
    public async Task Tenant_can_restrict_creation_to_full_admins()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var user = await world.UserAsync();
        await using (var db = world.Db())
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == user.TenantId);
            tenant.RestrictTokenCreationToAdmins(true);
            await db.SaveChangesAsync();
        }

        TokenWorld.Fails(await world.Tokens.CreateAsync(user.Id, TokenWorld.Draft()), TokenErrorCode.Forbidden);
        await world.CreateAsync(admin);
    }

    [Fact]
    public async Task Create_writes_an_audit_entry_without_the_secret()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync(name: "Alice");

        var created = await world.CreateAsync(owner, "deploy", "tokens:read");

        var entry = Assert.Single(await world.AuditAsync());
        Assert.Equal((AuditAction.TokenCreated, created.Token.Id, owner.Id, "Alice"), (entry.Action, entry.TokenId, entry.ActorId, entry.ActorName));
        Assert.Equal("Created 'deploy' with scopes tokens:read; valid from creation to no expiry.", entry.Summary);
        var stored = await world.StoredAsync(created.Token.Id);
        Assert.DoesNotContain(stored!.SecretHash, entry.Summary, StringComparison.Ordinal);
    }
}
