using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdminPortal.Tokens.Tests.Verification;

/// <summary>
/// Several nodes on one PostgreSQL database (independent instances of the domain, each with its own cache, listener and
/// connections): a change made on one reaches the others' caches, and a node that may have missed a change (its listening
/// connection cut, started late, a change committed out of order) never answers from its cache until it has caught up.
/// </summary>
public class PostgresChangesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Revoke_on_one_node_is_refused_on_another_once_heard_there()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        await using var b = await a.OpenAnotherProcessAsync();
        var owner = await a.UserAsync();
        var created = await a.CreateAsync(owner);
        Assert.Equal(VerifyOutcome.Valid, (await b.Verifier.VerifyAsync(created.Secret, null, Ct)).Outcome);

        var heard = b.NextChangeFromAnotherProcess();
        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, created.Token.Id, Ct));
        await heard.WaitAsync(Ct);

        Assert.Equal(VerifyOutcome.Revoked, (await b.Verifier.VerifyAsync(created.Secret, null, Ct)).Outcome);
        Assert.NotEqual(VerifyOutcome.Valid, Memory(b, created.Secret));
    }

    [Fact]
    public async Task Deactivation_on_one_node_is_told_to_what_follows_changes_on_another()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        await using var b = await a.OpenAnotherProcessAsync();
        var admin = await a.UserAsync(Role.FullAdmin);
        var owner = await a.UserAsync();
        var told = new TaskCompletionSource<TokenChange?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Changes(b).OtherProcessChanged += change =>
        {
            if (change is null || change.Value.OwnerId == owner.Id)
            {
                told.TrySetResult(change);
            }
        };

        TokenWorld.Ok(await a.Users.DeactivateAsync(admin.Id, owner.Id, Ct));

        Assert.Equal(owner.Id, (await told.Task.WaitAsync(Ct))?.OwnerId);
    }

    [Fact]
    public async Task Change_heard_from_another_node_records_its_propagation_lag()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        await using var b = await a.OpenAnotherProcessAsync();
        var owner = await a.UserAsync();
        var created = await a.CreateAsync(owner);
        var lags = new System.Collections.Concurrent.ConcurrentBag<double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == AdminPortal.Tokens.Telemetry.PortalTelemetry.PropagationLagName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => lags.Add(value));
        listener.Start();

        var heard = b.NextChangeFromAnotherProcess();
        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, created.Token.Id, Ct));
        await heard.WaitAsync(Ct);

        Assert.NotEmpty(lags);
        Assert.All(lags, lag => Assert.InRange(lag, 0, 60));
    }

    [Fact]
    public async Task Node_whose_listener_was_cut_reads_the_database_until_it_has_caught_up_with_what_it_missed()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        await using var b = await a.OpenAnotherProcessAsync();
        var owner = await a.UserAsync();
        var askedDuringOutage = await a.CreateAsync(owner, "asked during the outage");
        var askedAfter = await a.CreateAsync(owner, "asked after the catch-up");
        var untouched = await a.CreateAsync(owner, "untouched");
        await HeardEverythingAsync(b);
        foreach (var token in new[] { askedDuringOutage, askedAfter, untouched })
        {
            Assert.Equal(VerifyOutcome.Valid, (await b.Verifier.VerifyAsync(token.Secret, null, Ct)).Outcome);
        }

        await CutListenerAsync(b);

        // Not trusted: no cached answer, not even for a token that did not change (trust comes back only after the
        // catch-up, so a node that is still untrusted after the look-up was untrusted during it).
        var answer = Memory(b, untouched.Secret);
        if (!Cache(b).IsTrusted)
        {
            Assert.Null(answer);
        }

        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, askedDuringOutage.Token.Id, Ct));
        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, askedAfter.Token.Id, Ct));
        Assert.NotEqual(VerifyOutcome.Valid, Memory(b, askedDuringOutage.Secret));
        Assert.Equal(VerifyOutcome.Revoked, (await b.Verifier.VerifyAsync(askedDuringOutage.Secret, null, Ct)).Outcome);

        await WaitTrustedAsync(b);
        Assert.NotEqual(VerifyOutcome.Valid, Memory(b, askedAfter.Secret));
        Assert.Equal(VerifyOutcome.Revoked, (await b.Verifier.VerifyAsync(askedAfter.Secret, null, Ct)).Outcome);
        Assert.Equal(VerifyOutcome.Valid, (await b.Verifier.VerifyAsync(untouched.Secret, null, Ct)).Outcome);
    }

    [Fact]
    public async Task Change_committed_after_a_later_numbered_one_while_the_listener_was_down_is_caught_up()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        await using var b = await a.OpenAnotherProcessAsync();
        var admin = await a.UserAsync(Role.FullAdmin);
        var owner = await a.UserAsync();
        var slow = await a.CreateAsync(owner, "revoked by the slow transaction");
        var fast = await a.CreateAsync(owner, "revoked by the fast one");
        var positionBefore = await HeardEverythingAsync(b);
        Assert.Equal(VerifyOutcome.Valid, (await b.Verifier.VerifyAsync(slow.Secret, null, Ct)).Outcome);

        // The slow transaction takes its position first and commits last.
        await using var db = a.Db();
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        var token = await db.Tokens.SingleAsync(t => t.Id == slow.Token.Id, Ct);
        token.Revoke(await db.Users.SingleAsync(u => u.Id == admin.Id, Ct), a.Clock.GetUtcNow());
        await db.SaveChangesAsync(Ct);
        await a.Services.GetRequiredService<TokenChanges>().RecordAsync(db, TokenChange.OfToken(slow.Token.Id), Ct);
        var heard = b.NextChangeFromAnotherProcess();
        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, fast.Token.Id, Ct));
        await heard.WaitAsync(Ct);
        Assert.Equal(positionBefore, Changes(b).Position);

        await CutListenerAsync(b);
        await tx.CommitAsync(Ct);
        await WaitTrustedAsync(b);

        Assert.Equal(VerifyOutcome.Revoked, (await b.Verifier.VerifyAsync(slow.Secret, null, Ct)).Outcome);
        Assert.Equal(positionBefore + 2, Changes(b).Position);
    }

    [Fact]
    public async Task Node_away_longer_than_the_log_is_kept_drops_its_whole_cache_when_it_returns()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        await using var b = await a.OpenAnotherProcessAsync();
        var owner = await a.UserAsync();
        var pruned = await a.CreateAsync(owner, "revoked, its log row pruned");
        var kept = await a.CreateAsync(owner, "revoked last");
        await HeardEverythingAsync(b);
        Assert.Equal(VerifyOutcome.Valid, (await b.Verifier.VerifyAsync(pruned.Secret, null, Ct)).Outcome);

        await CutListenerAsync(b);
        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, pruned.Token.Id, Ct));
        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, kept.Token.Id, Ct));
        await using (var db = a.Db())
        {
            // What pruning does to rows older than the retention: all but the newest go.
            var newest = await db.ChangeLog.MaxAsync(c => c.Id, Ct);
            await db.ChangeLog.Where(c => c.Id < newest).ExecuteDeleteAsync(Ct);
        }

        await WaitTrustedAsync(b);

        Assert.Equal(VerifyOutcome.Revoked, (await b.Verifier.VerifyAsync(pruned.Secret, null, Ct)).Outcome);
    }

    [Fact]
    public async Task Node_started_after_changes_never_answers_with_the_state_before_them()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        var admin = await a.UserAsync(Role.FullAdmin);
        var owner = await a.UserAsync();
        var revoked = await a.CreateAsync(owner, "revoked");
        var suspended = await a.CreateAsync(await a.UserAsync(), "of a deactivated owner");
        var suspendedOwner = (await a.StoredAsync(suspended.Token.Id))!.OwnerId;
        TokenWorld.Ok(await a.Tokens.RevokeAsync(owner.Id, revoked.Token.Id, Ct));
        TokenWorld.Ok(await a.Users.DeactivateAsync(admin.Id, suspendedOwner, Ct));

        await using var late = await a.OpenAnotherProcessAsync();

        Assert.Equal(VerifyOutcome.Revoked, (await late.Verifier.VerifyAsync(revoked.Secret, null, Ct)).Outcome);
        Assert.Equal(VerifyOutcome.OwnerDeactivated, (await late.Verifier.VerifyAsync(suspended.Secret, null, Ct)).Outcome);
        Assert.NotEqual(VerifyOutcome.Valid, Memory(late, revoked.Secret));
    }

    [Fact]
    public async Task Last_use_written_by_two_nodes_never_moves_back()
    {
        await using var a = await TokenWorld.StartAsync(DatabaseProvider.Postgres);
        await using var b = await a.OpenAnotherProcessAsync();
        var owner = await a.UserAsync();
        var tokens = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add((await a.CreateAsync(owner, $"token {i}")).Token.Id);
        }

        var earlier = TokenWorld.Start.AddMinutes(1);
        var later = TokenWorld.Start.AddMinutes(2);
        foreach (var (id, index) in tokens.Select((id, index) => (id, index)))
        {
            // Half the tokens were used last on A, half on B; each node also holds an older use of every token.
            a.Usage.Record(id, index % 2 == 0 ? later : earlier, "10.0.0.1");
            b.Usage.Record(id, index % 2 == 0 ? earlier : later, "10.0.0.2");
        }

        await Task.WhenAll(a.Usage.FlushAsync(Ct), b.Usage.FlushAsync(Ct));
        a.Usage.Record(tokens[0], earlier, "10.0.0.1");
        await a.Usage.FlushAsync(Ct);

        await using var db = a.Db();
        var stored = await db.Tokens.Where(t => tokens.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => (t.LastUsedAt, t.LastUsedFrom), Ct);
        Assert.All(tokens.Select((id, index) => (stored[id], index)), s =>
            Assert.Equal((later, s.index % 2 == 0 ? "10.0.0.1" : "10.0.0.2"), (s.Item1.LastUsedAt!.Value, s.Item1.LastUsedFrom)));
    }

    private static VerificationCache Cache(TokenWorld world) => world.Services.GetRequiredService<VerificationCache>();

    private static PostgresChanges Changes(TokenWorld world) => world.Services.GetRequiredService<PostgresChanges>();

    /// <summary>The answer the node gives without the database, or null when it must ask it.</summary>
    private static VerifyOutcome? Memory(TokenWorld world, string secret) => world.Verifier.VerifyFromMemory(secret, null, out _)?.Outcome;

    /// <summary>
    /// Waits until the node has heard every change logged so far (the creation of a token drops its entry too: a late
    /// notification would make a cached answer disappear on its own); returns that position.
    /// </summary>
    private static async Task<long> HeardEverythingAsync(TokenWorld world)
    {
        long last;
        await using (var db = world.Db())
        {
            last = await db.ChangeLog.MaxAsync(c => c.Id, Ct);
        }

        while (Changes(world).Position < last)
        {
            await Task.Delay(10, Ct);
        }

        return last;
    }

    /// <summary>Ends the node's listening connection on the server side and waits until the node has noticed.</summary>
    private static async Task CutListenerAsync(TokenWorld world)
    {
        var cache = Cache(world);
        var pid = Changes(world).ListenerProcessId ?? throw new InvalidOperationException("The node does not listen.");
        await using (var connection = new NpgsqlConnection(world.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
            command.Parameters.AddWithValue("pid", pid);
            Assert.Equal(true, await command.ExecuteScalarAsync(Ct));
        }

        while (cache.IsTrusted)
        {
            await Task.Delay(10, Ct);
        }
    }

    private static async Task WaitTrustedAsync(TokenWorld world)
    {
        var cache = Cache(world);
        await Changes(world).Listening.WaitAsync(Ct);
        while (!cache.IsTrusted)
        {
            await Task.Delay(10, Ct);
        }
    }
}
