using System.Collections.Concurrent;
using System.Diagnostics;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Collects successful uses in memory and writes them in batches (see <see cref="UsageFlushService"/>), so that
/// verification never writes to the database: each token is written at most once per flush interval.
/// </summary>
public sealed class UsageRecorder(IDbContextFactory<TokenDbContext> contexts, PortalTelemetry? telemetry = null)
{
    private readonly ConcurrentDictionary<Guid, Use> _pending = new();

    /// <summary>Uses recorded and not yet written.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>Remembers the latest use of a token (to the second: a busy token is seen many times a second).</summary>
    public void Record(Guid tokenId, DateTimeOffset at, string? clientAddress)
    {
        clientAddress = clientAddress is { Length: > 64 } ? clientAddress[..64] : clientAddress;
        if (_pending.TryGetValue(tokenId, out var pending) && at - pending.At < TimeSpan.FromSeconds(1) && pending.ClientAddress == clientAddress)
        {
            return;
        }

        _pending.AddOrUpdate(tokenId, static (_, use) => use, static (_, existing, use) => existing.At >= use.At ? existing : use, new Use(at, clientAddress));
    }

    /// <summary>Writes every pending use (never moving last-used backwards); returns how many tokens were written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var batch = new List<(Guid TokenId, Use Use)>();
        foreach (var tokenId in _pending.Keys)
        {
            if (_pending.TryRemove(tokenId, out var use))
            {
                batch.Add((tokenId, use));
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
            // Put the batch back so that a failed write loses nothing; newer uses recorded meanwhile win.
            foreach (var (tokenId, use) in batch)
            {
                Record(tokenId, use.At, use.ClientAddress);
            }

            throw;
        }

        return batch.Count;
    }

    private async Task WriteAsync(List<(Guid TokenId, Use Use)> batch, CancellationToken ct)
    {
        // In one order on every node, so that two nodes writing the same tokens wait for each other instead of deadlocking.
        // Each write only moves last-used forward (re-checked by PostgreSQL after waiting for another node's write).
        batch.Sort(static (a, b) => a.TokenId.CompareTo(b.TokenId));
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (tokenId, use) in batch)
        {
            await db.Tokens
                .Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < use.At))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, use.At).SetProperty(t => t.LastUsedFrom, use.ClientAddress), ct);
        }

        await tx.CommitAsync(ct);
    }

    private sealed record Use(DateTimeOffset At, string? ClientAddress);
}
