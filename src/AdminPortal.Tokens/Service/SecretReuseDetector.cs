using System.Globalization;
using System.Threading.Channels;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tokens.Service;

/// <summary>A use of a rolled-away secret after its grace period, as the verifier saw it.</summary>
/// <param name="SecretHash">The retired secret's hash (never the secret).</param>
/// <param name="TokenId">The token it belonged to.</param>
/// <param name="At">When it was presented.</param>
/// <param name="ClientAddress">From where.</param>
public readonly record struct SecretReuse(string SecretHash, Guid TokenId, DateTimeOffset At, string? ClientAddress);

/// <summary>
/// Records the reuse of rolled-away secrets as possible leaks. The verifier only hands a report over
/// (<see cref="Report"/>: a bounded in-memory queue, never waiting, never touching the database), and the call is refused
/// as any unknown secret; <see cref="DrainAsync"/> (run by <see cref="SecretReuseService"/> as reports arrive) writes, per
/// report and in one transaction: the retired secret's reuse count, and on the first reuse of the token's old secrets
/// in a UTC day an audit entry and a notice to the owner and the tenant's full admins; when the tenant's policy says so
/// (<see cref="TenantPolicySettings.RevokeOnSecretReuse"/>) the token is revoked, audited as revoked by the portal because
/// of the reuse, and the revoke committed through <see cref="TokenChanges"/> so that every node refuses it at once.
/// </summary>
/// <remarks>
/// What a crash loses: reports still in memory (at most a minute's worth per verifying node and secret, see
/// <see cref="CachedToken.TakeReuseReport"/>). Nothing was acknowledged for them (the call was refused, nothing said it
/// was recorded) and the reused secret stays refused; the next use of it after the restart is reported again. What is
/// written is written whole: the audit entry, the notices and the revoke commit together or not at all.
/// </remarks>
public sealed partial class SecretReuseDetector(
    IDbContextFactory<TokenDbContext> contexts, TokenChanges changes, TimeProvider clock, ILogger<SecretReuseDetector> logger)
{
    /// <summary>How long a retired secret's hash is kept after its grace ended, to recognise its reuse; then it is deleted.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    /// <summary>Reports held in memory at most; more are dropped (each secret reports at most once a minute per node).</summary>
    public const int Capacity = 10_000;

    private readonly Channel<SecretReuse> _reports = Channel.CreateBounded<SecretReuse>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Reports waiting to be written.</summary>
    public int PendingCount => _reports.Reader.Count;

    /// <summary>Hands a reuse over to be recorded; never waits. False when the queue is full (the report is dropped).</summary>
    public bool Report(SecretReuse reuse) => _reports.Writer.TryWrite(reuse);

    /// <summary>Completes when a report is waiting.</summary>
    internal ValueTask<bool> WaitAsync(CancellationToken ct) => _reports.Reader.WaitToReadAsync(ct);

    /// <summary>
    /// Writes every waiting report (several of one secret as one); returns how many were written. A storage failure puts
    /// the reports not yet written back in the queue and is thrown.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        var batch = new List<SecretReuse>();
        while (_reports.Reader.TryRead(out var reuse))
        {
            batch.Add(reuse);
        }

        var bySecret = batch.GroupBy(r => r.SecretHash, StringComparer.Ordinal).ToList();
        for (var i = 0; i < bySecret.Count; i++)
        {
            var uses = bySecret[i];
            try
            {
                await RecordAsync(uses.MaxBy(r => r.At), uses.Count(), ct);
            }
            catch
            {
                foreach (var unwritten in bySecret.Skip(i).SelectMany(g => g))
                {
                    Report(unwritten);
                }

                throw;
            }
        }

        return bySecret.Count;
    }

    /// <summary>Deletes the retired secrets whose grace ended more than <see cref="Retention"/> ago; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var before = clock.GetUtcNow() - Retention;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.RetiredSecrets.Where(r => r.GraceUntil < before).ExecuteDeleteAsync(ct);
    }

    private async Task RecordAsync(SecretReuse reuse, int uses, CancellationToken ct)
    {
        try
        {
            await RecordOnceAsync(reuse, uses, ct);
        }
        catch (DbUpdateException ex) when (!StorageStatus.IsUnavailable(ex))
        {
            // Another node recorded the same token's first reuse of the day at the same moment (the notice's key is unique):
            // once more, it now finds that node's entry and adds only the count.
            await RecordOnceAsync(reuse, uses, ct);
        }
    }

    private async Task RecordOnceAsync(SecretReuse reuse, int uses, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var retired = await db.RetiredSecrets.SingleOrDefaultAsync(r => r.SecretHash == reuse.SecretHash, ct);
        var token = retired is null ? null : await db.Tokens.Include(t => t.Owner).SingleOrDefaultAsync(t => t.Id == retired.TokenId, ct);
        if (retired is null || token is null || retired.InGraceAt(reuse.At))
        {
            // Deleted (with its token) or pruned since; or a stale report of a use within the grace.
            return;
        }

        for (var i = 0; i < uses; i++)
        {
            retired.Reused(reuse.At, reuse.ClientAddress);
        }

        var now = clock.GetUtcNow();
        var revoke = false;
        if (token.IsUsableAt(now))
        {
            var dayStart = new DateTimeOffset(reuse.At.UtcDateTime.Date, TimeSpan.Zero);
            var firstToday = !await db.Audit.AnyAsync(a => a.TokenId == token.Id && a.Action == AuditAction.SecretReused && a.At >= dayStart, ct);
            revoke = (await TokenService.LoadPolicyAsync(db, token.TenantId, ct)).RevokeOnSecretReuse;
            if (firstToday)
            {
                db.Audit.Add(AuditEntry.ByPortal(token.TenantId, AuditEntry.PortalActorName, now, AuditAction.SecretReused,
                    AuditSummaries.SecretReused(token, retired, reuse.At, reuse.ClientAddress), token.Id, reuse.ClientAddress));
                await NoticeOutbox.ToOwnerAndAdminsAsync(db, token, NoticeKind.SecretReused,
                    $"secret-reused:{token.Id:N}:{dayStart.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
                    $"Possible leak: an old secret of the token '{token.Name}' was used", NoticeBody(token, retired, reuse, revoke), now, ct);
            }

            if (revoke)
            {
                token.RevokeUnattended(now);
                await db.RetiredSecrets.Where(r => r.TokenId == token.Id && r.GraceUntil > now).ExecuteUpdateAsync(s => s.SetProperty(r => r.GraceUntil, now), ct);
                db.Audit.Add(AuditEntry.ByPortal(token.TenantId, AuditEntry.PortalActorName, now, AuditAction.TokenRevoked, AuditSummaries.RevokedForReuse(token), token.Id));
            }
        }

        await db.SaveChangesAsync(ct);
        if (revoke)
        {
            await changes.CommitAsync(db, TokenChange.OfToken(token.Id), TokenChangeKind.Revoked, ct);
            LogRevoked(logger, token.Id);
        }
        else
        {
            await tx.CommitAsync(ct);
        }

        LogReused(logger, token.Id, reuse.ClientAddress);
    }

    private static string NoticeBody(ApiToken token, RetiredSecret retired, SecretReuse reuse, bool revoked)
    {
        static string At(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return $"""
            A secret that was rolled away from the token '{token.Name}' ({token.Id}, owner {token.Owner.DisplayName}) was used at {At(reuse.At)}{(reuse.ClientAddress is { } from ? $" from {from}" : "")}, after its grace period ended at {At(retired.GraceUntil)}. The secret was replaced at {At(retired.RetiredAt)}.

            The call was refused. Someone still holds the old secret: an app that was not updated, or someone it leaked to.
            {(revoked
                ? "The token policy revokes a token whose old secret is reused, so the token has been revoked: create a new token for the apps that need one."
                : "The token itself still works with its current secret. If you cannot account for this use, revoke the token and create a new one.")}

            Further uses of old secrets of this token today are counted but not notified again.
            """;
    }

    [LoggerMessage(40, LogLevel.Warning, "A rolled-away secret of token {TokenId} was used after its grace period from {ClientAddress}")]
    private static partial void LogReused(ILogger logger, Guid tokenId, string? clientAddress);

    [LoggerMessage(41, LogLevel.Warning, "Token {TokenId} revoked: a rolled-away secret of it was used after its grace period (the tenant's policy revokes on reuse)")]
    private static partial void LogRevoked(ILogger logger, Guid tokenId);
}
