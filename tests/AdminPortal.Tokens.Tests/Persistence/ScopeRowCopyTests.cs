using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Persistence;

/// <summary>
/// Each scope row holds copies of its token's status columns and name (what a listing by scope reads from the scope's
/// index alone), kept by the database's triggers. They must equal the token's after every way a token changes: issued,
/// edited (name, dates, scopes added and removed), revoked, restored, its owner deactivated and reactivated (a bulk
/// update), used (the usage recorder's bulk update), rolled, and shortened by the tenant policy (a bulk edit).
/// </summary>
public class ScopeRowCopyTests
{
    [Fact]
    public async Task Scope_rows_hold_their_tokens_status_columns_and_name_after_every_kind_of_change()
    {
        await using var world = await TokenWorld.StartAsync();
        var admin = await world.UserAsync(Role.FullAdmin);
        var owner = await world.UserAsync();
        var deploy = await world.CreateAsync(owner, "ci deploy", "tokens:read", "tokens:write");
        var sync = await world.CreateAsync(owner, "nightly sync", "alerts:write");
        await AssertCopiesAsync(world, ("ci deploy", 2, _ => true), ("nightly sync", 1, _ => true));

        var now = world.Clock.GetUtcNow();
        var edited = TokenWorld.Ok(await world.Tokens.EditAsync(owner.Id, deploy.Token.Id, deploy.Token.Version,
            TokenWorld.Draft("Terraform Plan", "tokens:write", "alerts:read") with { ValidFrom = now.AddDays(1), ValidTo = now.AddDays(30) }));
        await AssertCopiesAsync(world, ("Terraform Plan", 2, s => s.NameKey == "TERRAFORM PLAN" && s.ValidFrom == now.AddDays(1) && s.StartsAt == now.AddDays(1)
            && s.ValidTo == now.AddDays(30) && s.EndsAt == now.AddDays(30)));

        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, edited.Id));
        await AssertCopiesAsync(world, ("Terraform Plan", 2, s => s.RevokedAt == now && s.EndsAt == now));
        TokenWorld.Ok(await world.Tokens.RestoreAsync(owner.Id, edited.Id));
        await AssertCopiesAsync(world, ("Terraform Plan", 2, s => s.RevokedAt == null && s.EndsAt == now.AddDays(30)));

        TokenWorld.Ok(await world.Users.DeactivateAsync(admin.Id, owner.Id));
        await AssertCopiesAsync(world, ("Terraform Plan", 2, s => !s.OwnerIsActive), ("nightly sync", 1, s => !s.OwnerIsActive));
        TokenWorld.Ok(await world.Users.ReactivateAsync(admin.Id, owner.Id));
        await AssertCopiesAsync(world, ("Terraform Plan", 2, s => s.OwnerIsActive), ("nightly sync", 1, s => s.OwnerIsActive));

        world.Clock.Advance(TimeSpan.FromMinutes(5));
        await world.Verifier.VerifyAsync(sync.Secret, "192.0.2.7");
        await world.Usage.FlushAsync();
        await AssertCopiesAsync(world, ("nightly sync", 1, s => s.LastUsedAt == now.AddMinutes(5)));
        TokenWorld.Ok(await world.Tokens.RollAsync(owner.Id, sync.Token.Id));
        await AssertCopiesAsync(world, ("nightly sync", 1, s => s.LastUsedAt == now.AddMinutes(5)));

        // The tenant policy's bulk shortening of a token without an end gives it one.
        var policy = TokenWorld.Ok(await world.Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { MaxLifetimeDays = 90 }, 0));
        TokenWorld.Ok(await world.Tokens.ShortenToPolicyAsync(admin.Id, policy.Version));
        await AssertCopiesAsync(world, ("nightly sync", 1, s => s.ValidTo != null && s.EndsAt == s.ValidTo));
    }

    /// <summary>The scope row holds its token's values of every copied column.</summary>
    internal static void AssertCopies(ApiToken token, TokenScope row) => Assert.Equal(
        (token.OwnerIsActive, token.RevokedAt, token.StartsAt, token.EndsAt, token.ValidTo, token.ValidFrom, token.LastUsedAt, token.NameKey),
        (row.OwnerIsActive, row.RevokedAt, row.StartsAt, row.EndsAt, row.ValidTo, row.ValidFrom, row.LastUsedAt, row.NameKey));

    /// <summary>
    /// Every scope row equals its token on every copied column; and for each named token, it has that many scope rows and
    /// each satisfies the step's own condition (so that the step is seen to have changed what it should).
    /// </summary>
    private static async Task AssertCopiesAsync(TokenWorld world, params (string Name, int Rows, Func<TokenScope, bool> Holds)[] expected)
    {
        await using var db = world.Db();
        var tokens = await db.Tokens.AsNoTracking().ToDictionaryAsync(t => t.Id, TestContext.Current.CancellationToken);
        var rows = await db.Set<TokenScope>().AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        foreach (var row in rows)
        {
            var token = tokens[row.TokenId];
            AssertCopies(token, row);
            Assert.Contains(row.Scope, token.Scopes);
        }

        Assert.Equal(tokens.Values.Sum(t => t.Scopes.Count), rows.Count);
        foreach (var (name, count, holds) in expected)
        {
            var id = tokens.Values.Single(t => t.Name == name).Id;
            var own = rows.Where(r => r.TokenId == id).ToList();
            Assert.Equal(count, own.Count);
            Assert.All(own, row => Assert.True(holds(row), $"A scope row of {name} does not hold the change."));
        }
    }
}
