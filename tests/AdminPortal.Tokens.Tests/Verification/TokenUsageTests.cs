using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Verification;

/// <summary>Where and how much a token is used: addresses and daily counters, batched by the usage recorder.</summary>
public class TokenUsageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Calls_between_flushes_become_one_counter_per_day_and_outcome_and_later_flushes_add_to_it()
    {
        await using var world = await TokenWorld.StartAsync();
        var created = await world.CreateAsync(await world.UserAsync());
        var id = created.Token.Id;
        var now = world.Clock.GetUtcNow();

        for (var i = 0; i < 250; i++)
        {
            world.Usage.Record(id, now.AddMilliseconds(i), "10.0.0.1");
        }

        world.Usage.Refused(id, CallOutcome.RateLimited, now);
        world.Usage.Refused(id, CallOutcome.InsufficientScope, now, afterAcceptance: true);
        var commandsBefore = world.Commands.Count;
        await world.Usage.FlushAsync(Ct);
        var writes = world.Commands.Skip(commandsBefore).Count(c => c.Contains("TokenDailyCalls", StringComparison.Ordinal));
        var rowsAfterFirst = await CountsAsync(world, id);

        for (var i = 0; i < 50; i++)
        {
            world.Usage.Record(id, now.AddSeconds(10 + i), "10.0.0.1");
        }

        world.Usage.Refused(id, CallOutcome.RateLimited, now.AddSeconds(70));
        await world.Usage.FlushAsync(Ct);

        // 250 accepted, one of them then refused for its scope; one rate-limited before acceptance.
        Assert.Equal(
            [(CallOutcome.Accepted, 249L), (CallOutcome.InsufficientScope, 1L), (CallOutcome.RateLimited, 1L)],
            rowsAfterFirst.Select(r => (r.Outcome, r.Calls)));
        Assert.Equal(3, writes);
        Assert.Equal(
            [(CallOutcome.Accepted, 299L), (CallOutcome.InsufficientScope, 1L), (CallOutcome.RateLimited, 2L)],
            (await CountsAsync(world, id)).Select(r => (r.Outcome, r.Calls)));
    }

    [Fact]
    public async Task Two_nodes_flushing_the_same_token_add_their_counts_and_widen_an_address_first_and_last_seen()
    {
        await using var a = await TokenWorld.StartAsync();
        await using var b = await a.OpenAnotherProcessAsync();
        var id = (await a.CreateAsync(await a.UserAsync())).Token.Id;
        var now = a.Clock.GetUtcNow();

        for (var i = 0; i < 30; i++)
        {
            a.Usage.Record(id, now.AddSeconds(10 + i), "10.0.0.1");
        }

        for (var i = 0; i < 12; i++)
        {
            b.Usage.Record(id, now.AddSeconds(i), "10.0.0.1");
            b.Usage.Record(id, now.AddSeconds(100 + i), "10.0.0.1");
        }

        b.Usage.Refused(id, CallOutcome.Revoked, now);
        await a.Usage.FlushAsync(Ct);
        await b.Usage.FlushAsync(Ct);

        var usage = TokenWorld.Ok(await a.Tokens.GetUsageAsync(await OwnerOf(a, id), id, 30, Ct));
        Assert.Equal((54L, 1L), (usage.Daily[^1].Accepted, usage.Daily[^1].RefusedTotal));
        var address = Assert.Single(usage.Addresses);
        Assert.Equal(("10.0.0.1", now, now.AddSeconds(111)), (address.Address, address.FirstSeenAt, address.LastSeenAt));
        Assert.Equal(now.AddSeconds(111), (await a.StoredAsync(id))!.LastUsedAt);
    }

    [Fact]
    public async Task A_token_keeps_its_ten_most_recently_seen_addresses_and_drops_the_oldest()
    {
        await using var world = await TokenWorld.StartAsync();
        var created = await world.CreateAsync(await world.UserAsync());
        var id = created.Token.Id;
        var now = world.Clock.GetUtcNow();

        for (var i = 1; i <= 8; i++)
        {
            world.Usage.Record(id, now.AddSeconds(i), $"10.0.0.{i}");
        }

        await world.Usage.FlushAsync(Ct);
        // Address 1 is seen again (its first sighting stays), then four new ones push out the two least recently seen (2, 3).
        world.Usage.Record(id, now.AddSeconds(20), "10.0.0.1");
        for (var i = 9; i <= 12; i++)
        {
            world.Usage.Record(id, now.AddSeconds(20 + i), $"10.0.0.{i}");
        }

        await world.Usage.FlushAsync(Ct);

        var usage = TokenWorld.Ok(await world.Tokens.GetUsageAsync(created.Token.OwnerId, id, 30, Ct));
        Assert.Equal(
            ["10.0.0.12", "10.0.0.11", "10.0.0.10", "10.0.0.9", "10.0.0.1", "10.0.0.8", "10.0.0.7", "10.0.0.6", "10.0.0.5", "10.0.0.4"],
            usage.Addresses.Select(a => a.Address));
        Assert.Equal((now.AddSeconds(1), now.AddSeconds(20)), (usage.Addresses[4].FirstSeenAt, usage.Addresses[4].LastSeenAt));
        await using var db = world.Db();
        Assert.Equal(TokenAddressUse.MaxPerToken, await db.TokenAddresses.CountAsync(a => a.TokenId == id, Ct));
    }

    [Fact]
    public async Task Usage_is_kept_ninety_days_and_pruned_after()
    {
        await using var world = await TokenWorld.StartAsync();
        var created = await world.CreateAsync(await world.UserAsync());
        var id = created.Token.Id;
        var now = world.Clock.GetUtcNow();

        world.Usage.Record(id, now.AddDays(-90), "10.0.0.90");
        world.Usage.Record(id, now.AddDays(-89), "10.0.0.89");
        world.Usage.Record(id, now, "10.0.0.1");
        await world.Usage.FlushAsync(Ct);
        await world.Usage.PruneAsync(now, Ct);

        var usage = TokenWorld.Ok(await world.Tokens.GetUsageAsync(created.Token.OwnerId, id, 90, Ct));
        Assert.Equal(90, usage.Daily.Count);
        Assert.Equal([1L, 1L], usage.Daily.Where(d => d.Accepted > 0).Select(d => d.Accepted));
        Assert.Equal((DateOnly.FromDateTime(now.UtcDateTime).AddDays(-89), 1L), (usage.Daily[0].Day, usage.Daily[0].Accepted));
        Assert.Equal(["10.0.0.1", "10.0.0.89"], usage.Addresses.Select(a => a.Address));
        await using var db = world.Db();
        Assert.Equal(2, await db.TokenDailyCalls.CountAsync(c => c.TokenId == id, Ct));
    }

    [Fact]
    public async Task Verification_counts_acceptances_and_refusals_of_known_tokens_by_reason()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var created = await world.CreateAsync(owner);

        await world.Verifier.VerifyAsync(created.Secret, "10.0.0.1", Ct);
        await world.Verifier.VerifyAsync(created.Secret, "10.0.0.1", Ct);
        TokenWorld.Ok(await world.Tokens.RevokeAsync(owner.Id, created.Token.Id, Ct));
        await world.Verifier.VerifyAsync(created.Secret, "10.0.0.2", Ct);
        await world.Usage.FlushAsync(Ct);

        var today = TokenWorld.Ok(await world.Tokens.GetUsageAsync(owner.Id, created.Token.Id, 30, Ct)).Daily[^1];
        Assert.Equal(2, today.Accepted);
        Assert.Equal(new Dictionary<string, long> { [CallOutcome.Revoked] = 1 }, today.Refused);
    }

    [Fact]
    public async Task Usage_of_a_token_deleted_before_the_flush_is_dropped_and_the_rest_is_written()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var kept = await world.CreateAsync(owner, "kept");
        var deleted = await world.CreateAsync(owner, "deleted");
        var now = world.Clock.GetUtcNow();
        world.Usage.Record(kept.Token.Id, now, "10.0.0.1");
        world.Usage.Record(deleted.Token.Id, now, "10.0.0.1");
        TokenWorld.Ok(await world.Tokens.DeleteAsync(owner.Id, deleted.Token.Id, Ct));

        await world.Usage.FlushAsync(Ct);

        Assert.Equal(0, world.Usage.PendingCount);
        Assert.Single(await CountsAsync(world, kept.Token.Id));
        Assert.Empty(await CountsAsync(world, deleted.Token.Id));
    }

    [Fact]
    public async Task Usage_is_answered_for_thirty_or_ninety_days_of_a_token_the_caller_may_see()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        var other = await world.UserAsync();
        var created = await world.CreateAsync(owner);

        var wrongPeriod = TokenWorld.Fails(await world.Tokens.GetUsageAsync(owner.Id, created.Token.Id, 7, Ct), TokenErrorCode.Invalid);
        TokenWorld.Fails(await world.Tokens.GetUsageAsync(other.Id, created.Token.Id, 30, Ct), TokenErrorCode.NotFound);
        TokenWorld.Fails(await world.Tokens.GetOverviewAsync(other.Id, created.Token.Id, 30, Ct), TokenErrorCode.NotFound);
        var overview = TokenWorld.Ok(await world.Tokens.GetOverviewAsync(owner.Id, created.Token.Id, 90, Ct));

        Assert.Equal(("Days", "Days must be 30 or 90."), (wrongPeriod.Field, wrongPeriod.Message));
        Assert.Equal((owner.DisplayName, 90), (overview.CreatedByName, overview.Usage.Daily.Count));
    }

    [Fact]
    public void A_refusal_reason_must_be_a_code_other_than_accepted()
    {
        var recorder = new AdminPortal.Tokens.Verification.UsageRecorder(null!);

        Assert.Throws<ArgumentException>(() => recorder.Refused(Guid.NewGuid(), CallOutcome.Accepted, TokenWorld.Start));
        Assert.Throws<ArgumentException>(() => recorder.Refused(Guid.NewGuid(), "Rate Limited", TokenWorld.Start));
        recorder.Refused(Guid.NewGuid(), "quota_exceeded", TokenWorld.Start);
        Assert.Equal(1, recorder.PendingCount);
    }

    private static async Task<List<TokenDailyCalls>> CountsAsync(TokenWorld world, Guid id)
    {
        await using var db = world.Db();
        var rows = await db.TokenDailyCalls.AsNoTracking().Where(c => c.TokenId == id).ToListAsync(Ct);
        return [.. rows.OrderBy(r => r.Day).ThenBy(r => r.Outcome, StringComparer.Ordinal)];
    }

    private static async Task<Guid> OwnerOf(TokenWorld world, Guid id) => (await world.StoredAsync(id))!.OwnerId;
}
