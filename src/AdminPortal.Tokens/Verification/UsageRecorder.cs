using System.Collections.Concurrent;
using System.Diagnostics;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Collects what happens to tokens in memory and writes it in batches (see <see cref="UsageFlushService"/>), so that
/// verification never writes to the database: per token, the latest use, the client addresses it was accepted from
/// (first and last seen) and its calls per day and outcome (accepted, or refused and why). Each token is written at most
/// once per flush interval; counts are added to the stored ones, so the counts of several nodes sum up.
/// </summary>
public sealed class UsageRecorder(IDbContextFactory<TokenDbContext> contexts, PortalTelemetry? telemetry = null)
{
    private readonly ConcurrentDictionary<Guid, Pending> _pending = new();

    /// <summary>Tokens with something recorded and not yet written.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Records an accepted call of a token at <paramref name="at"/> from <paramref name="clientAddress"/>.</summary>
    public void Record(Guid tokenId, DateTimeOffset at, string? clientAddress)
    {
        clientAddress = clientAddress is { Length: > TokenAddressUse.MaxAddressLength } ? clientAddress[..TokenAddressUse.MaxAddressLength] : clientAddress;
        while (true)
        {
            var pending = _pending.GetOrAdd(tokenId, static _ => new Pending());
            lock (pending)
            {
                // Taken by a flush between the look-up and the lock: record into the next batch's entry instead.
                if (!pending.Taken)
                {
                    pending.Accept(at, clientAddress);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Counts a refused call of a known token, by <paramref name="reason"/> (a <see cref="CallOutcome"/> code, for example
    /// <see cref="CallOutcome.RateLimited"/>). <paramref name="afterAcceptance"/>: the call's verification already counted it
    /// as accepted (<see cref="TokenVerifier"/> does for every valid token) and a later check refuses it (a missing scope, an
    /// address not allowed, a rate limit): it moves from accepted to the refusal, so that each call counts once.
    /// </summary>
    /// <exception cref="ArgumentException">The reason is not a well-formed refusal code.</exception>
    public void Refused(Guid tokenId, string reason, DateTimeOffset at, bool afterAcceptance = false)
    {
        if (!CallOutcome.IsCode(reason) || reason == CallOutcome.Accepted)
        {
            throw new ArgumentException($"'{reason}' is not a refusal code (lower-case letters and underscores, at most {CallOutcome.MaxLength}).", nameof(reason));
        }

        while (true)
        {
            var pending = _pending.GetOrAdd(tokenId, static _ => new Pending());
            lock (pending)
            {
                if (!pending.Taken)
                {
                    pending.Refuse(reason, at, afterAcceptance);
                    return;
                }
            }
        }
    }

    /// <summary>Writes everything pending (never moving last-used backwards); returns how many tokens were written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var batch = new List<(Guid TokenId, Pending Pending)>();
        foreach (var tokenId in _pending.Keys)
        {
            if (_pending.TryRemove(tokenId, out var pending))
            {
                lock (pending)
                {
                    pending.Taken = true;
                }

                batch.Add((tokenId, pending));
            }
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            await WriteAsync(batch, ct);
            telemetry?.UsageFlushed(batch.Count, startedAt, succeeded: true);
        }
        catch
        {
            telemetry?.UsageFlushed(batch.Count, startedAt, succeeded: false);
            // Put the batch back so that a failed write loses nothing; what was recorded meanwhile is merged with it.
            foreach (var (tokenId, taken) in batch)
            {
                while (true)
                {
                    var pending = _pending.GetOrAdd(tokenId, static _ => new Pending());
                    lock (pending)
                    {
                        if (!pending.Taken)
                        {
                            pending.Merge(taken);
                            break;
                        }
                    }
                }
            }

            throw;
        }

        return batch.Count;
    }

    /// <summary>
    /// Removes the daily counts older than <see cref="TokenDailyCalls.RetentionDays"/> days (today included) and the addresses
    /// not seen for that long; returns how many rows went. Every node may run it: the deletes are the same.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var firstKept = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-(TokenDailyCalls.RetentionDays - 1));
        var seenSince = new DateTimeOffset(firstKept.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var days = await db.TokenDailyCalls.Where(c => c.Day < firstKept).ExecuteDeleteAsync(ct);
        var addresses = await db.TokenAddresses.Where(a => a.LastSeenAt < seenSince).ExecuteDeleteAsync(ct);
        return days + addresses;
    }

    private async Task WriteAsync(List<(Guid TokenId, Pending Pending)> batch, CancellationToken ct)
    {
        // In one order on every node (tokens, then each token's rows by key), so that two nodes writing the same rows wait
        // for each other instead of deadlocking. Last-used only moves forward (re-checked by PostgreSQL after waiting for
        // another node's write); counts are added to what is stored, never set, so that the nodes' counts sum up.
        // A row is only inserted while its token exists: a token deleted meanwhile takes nothing of its usage back.
        batch.Sort(static (a, b) => a.TokenId.CompareTo(b.TokenId));
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (tokenId, pending) in batch)
        {
            if (pending.Used)
            {
                var at = pending.LastAt;
                var from = pending.LastFrom;
                await db.Tokens
                    .Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, at).SetProperty(t => t.LastUsedFrom, from), ct);
            }

            if (pending.Addresses is { Count: > 0 } addresses)
            {
                foreach (var seen in addresses.OrderBy(a => a.Address, StringComparer.Ordinal))
                {
                    await db.Database.ExecuteSqlInterpolatedAsync($"""
                        INSERT INTO "TokenAddresses" ("TokenId", "Address", "FirstSeenAt", "LastSeenAt")
                        SELECT {tokenId}, {seen.Address}, {seen.First.UtcTicks}, {seen.Last.UtcTicks}
                        WHERE EXISTS (SELECT 1 FROM "Tokens" WHERE "Id" = {tokenId})
                        ON CONFLICT ("TokenId", "Address") DO UPDATE SET
                            "FirstSeenAt" = CASE WHEN excluded."FirstSeenAt" < "TokenAddresses"."FirstSeenAt" THEN excluded."FirstSeenAt" ELSE "TokenAddresses"."FirstSeenAt" END,
                            "LastSeenAt" = CASE WHEN excluded."LastSeenAt" > "TokenAddresses"."LastSeenAt" THEN excluded."LastSeenAt" ELSE "TokenAddresses"."LastSeenAt" END
                        """, ct);
                }

                // Keep the token's most recently seen addresses (ties by address, the same on every node); drop the rest.
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    DELETE FROM "TokenAddresses"
                    WHERE "TokenId" = {tokenId} AND (
                        SELECT COUNT(*) FROM "TokenAddresses" AS newer
                        WHERE newer."TokenId" = {tokenId} AND (newer."LastSeenAt" > "TokenAddresses"."LastSeenAt"
                            OR (newer."LastSeenAt" = "TokenAddresses"."LastSeenAt" AND newer."Address" < "TokenAddresses"."Address"))
                    ) >= {TokenAddressUse.MaxPerToken}
                    """, ct);
            }

            foreach (var ((day, outcome), calls) in pending.Counts().OrderBy(c => c.Key.Day).ThenBy(c => c.Key.Outcome, StringComparer.Ordinal))
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "TokenDailyCalls" ("TokenId", "Day", "Outcome", "Calls")
                    SELECT {tokenId}, {day}, {outcome}, {calls}
                    WHERE EXISTS (SELECT 1 FROM "Tokens" WHERE "Id" = {tokenId})
                    ON CONFLICT ("TokenId", "Day", "Outcome") DO UPDATE SET "Calls" = "TokenDailyCalls"."Calls" + excluded."Calls"
                    """, ct);
            }
        }

        await tx.CommitAsync(ct);
    }

    private static DateOnly DayOf(long utcDay) => DateOnly.FromDayNumber((int)utcDay);

    /// <summary>An address seen in this batch: first and last accepted call from it.</summary>
    private sealed class AddressSeen(string address, DateTimeOffset at)
    {
        public string Address { get; } = address;

        public DateTimeOffset First { get; set; } = at;

        public DateTimeOffset Last { get; set; } = at;

        public void See(DateTimeOffset at)
        {
            if (at > Last)
            {
                Last = at;
            }
            else if (at < First)
            {
                First = at;
            }
        }
    }

    /// <summary>What one token did since the last flush; changed only under its own lock, read once <see cref="Taken"/>.</summary>
    private sealed class Pending
    {
        // Today's accepted calls, the warm path's counter; other days and refusals are in _counts.
        private long _day = long.MinValue;
        private long _accepted;
        private Dictionary<(DateOnly Day, string Outcome), long>? _counts;
        private AddressSeen? _current;

        /// <summary>Set by the flush that took this entry: nothing changes it after that.</summary>
        public bool Taken { get; set; }

        public bool Used { get; private set; }

        public DateTimeOffset LastAt { get; private set; }

        public string? LastFrom { get; private set; }

        public List<AddressSeen>? Addresses { get; private set; }

        public void Accept(DateTimeOffset at, string? address)
        {
            var day = at.UtcTicks / TimeSpan.TicksPerDay;
            if (day != _day)
            {
                Add(_day, CallOutcome.Accepted, _accepted);
                (_day, _accepted) = (day, 0);
            }

            _accepted++;
            // Last use to the second (a busy token is seen many times a second), but a new address at once.
            if (!Used || (at >= LastAt && (at - LastAt >= TimeSpan.FromSeconds(1) || address != LastFrom)))
            {
                (Used, LastAt, LastFrom) = (true, at, address);
            }

            if (address is not null)
            {
                See(address, at);
            }
        }

        public void Refuse(string reason, DateTimeOffset at, bool afterAcceptance)
        {
            var day = at.UtcTicks / TimeSpan.TicksPerDay;
            Add(day, reason, 1);
            if (!afterAcceptance)
            {
                return;
            }

            if (day == _day)
            {
                _accepted--;
            }
            else
            {
                Add(day, CallOutcome.Accepted, -1);
            }
        }

        /// <summary>Adds a taken entry's uses and counts to this one (after a failed write).</summary>
        public void Merge(Pending taken)
        {
            if (taken.Used && (!Used || taken.LastAt > LastAt))
            {
                (Used, LastAt, LastFrom) = (true, taken.LastAt, taken.LastFrom);
            }

            foreach (var seen in taken.Addresses ?? [])
            {
                See(seen.Address, seen.First);
                See(seen.Address, seen.Last);
            }

            foreach (var ((day, outcome), calls) in taken.Counts())
            {
                Add(day.DayNumber, outcome, calls);
            }
        }

        /// <summary>Every count of this entry, by day and outcome (none zero).</summary>
        public IEnumerable<KeyValuePair<(DateOnly Day, string Outcome), long>> Counts()
        {
            Add(_day, CallOutcome.Accepted, _accepted);
            _accepted = 0;
            return (IEnumerable<KeyValuePair<(DateOnly Day, string Outcome), long>>?)_counts?.Where(c => c.Value != 0) ?? [];
        }

        private void Add(long day, string outcome, long calls)
        {
            if (calls == 0)
            {
                return;
            }

            _counts ??= [];
            var key = (DayOf(day), outcome);
            _counts[key] = _counts.GetValueOrDefault(key) + calls;
        }

        private void See(string address, DateTimeOffset at)
        {
            // Most calls come from the address of the call before.
            if (_current is { } current && (ReferenceEquals(current.Address, address) || current.Address == address))
            {
                current.See(at);
                return;
            }

            Addresses ??= [];
            // A loop rather than Find with a lambda: a lambda capturing the address would allocate on every call of this method.
            current = null;
            foreach (var seen in Addresses)
            {
                if (seen.Address == address)
                {
                    current = seen;
                    break;
                }
            }

            if (current is null)
            {
                current = new AddressSeen(address, at);
                Addresses.Add(current);
                if (Addresses.Count > TokenAddressUse.MaxPerToken)
                {
                    // Only the most recently seen addresses are kept, so the batch needs no more than that many either.
                    var oldest = Addresses.MinBy(a => a.Last)!;
                    Addresses.Remove(oldest);
                    if (oldest == current)
                    {
                        return;
                    }
                }
            }
            else
            {
                current.See(at);
            }

            _current = current;
        }
    }
}
