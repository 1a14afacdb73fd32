using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Notifications;

/// <summary>
/// One round of the scheduled notices, for every tenant by its policy: each owner is told
/// <see cref="TenantPolicySettings.ExpiryNoticeDays"/> before a token expires (ExpiresSoon) and on the (UTC) day it expires
/// (ExpiresToday); full admins get a daily digest when the policy asks for it; and with
/// <see cref="TenantPolicySettings.CleanupUnusedAfterDays"/> tokens unused that long are revoked by the policy, at the
/// earliest <see cref="CleanupNoticeLead"/> after their owner was told (CleanupSoon), each revoke audited and announced
/// like any other, and the owner told again (CleanedUp).
/// </summary>
/// <remarks>
/// Every notice has a key that names what it is about (token, the date it concerns, recipient), unique in the database:
/// a round adds only the notices whose key is absent, so any number of rounds, restarts and nodes write each notice once.
/// Two nodes adding the same key at once cannot both commit; the loser's batch fails as a whole (nothing of it is kept) and
/// its next round finds the winner's rows. Tokens are read in batches of <see cref="BatchSize"/> by ranges of indexes
/// (end of validity; last use; creation), each batch written in one transaction.
/// </remarks>
public sealed partial class NoticeProducer(
    IDbContextFactory<TokenDbContext> contexts,
    TimeProvider clock,
    TokenChanges changes,
    IOptions<NotificationOptions> options,
    ILogger<NoticeProducer> logger)
{
    /// <summary>Tokens read and written per transaction.</summary>
    public const int BatchSize = 200;

    /// <summary>Tokens listed by name in an admin digest (the rest are counted).</summary>
    public const int DigestLines = 50;

    /// <summary>How long before the clean-up revokes a token its owner is told, at least.</summary>
    public static readonly TimeSpan CleanupNoticeLead = TimeSpan.FromDays(7);

    private readonly NotificationOptions _options = options.Value;

    /// <summary>Runs one round over every tenant; what it did is returned (and a tenant whose batch lost a race is counted).</summary>
    public async Task<NoticeRound> RunOnceAsync(CancellationToken ct = default)
    {
        var round = new NoticeRound();
        List<Guid> tenants;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            tenants = await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        }

        foreach (var tenant in tenants)
        {
            try
            {
                await TenantAsync(tenant, round, ct);
            }
            catch (DbUpdateException ex)
            {
                // Another node wrote the same notice or revoked the same token first: nothing of this batch was kept, and
                // the next round skips what the other node wrote.
                round.LostRaces++;
                LogLostRace(logger, tenant, ex.GetType().Name);
            }
        }

        return round;
    }

    private async Task TenantAsync(Guid tenantId, NoticeRound round, CancellationToken ct)
    {
        TenantPolicySettings policy;
        string tenantName;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            policy = await TokenService.LoadPolicyAsync(db, tenantId, ct);
            tenantName = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).SingleAsync(ct);
        }

        var now = clock.GetUtcNow();
        await ExpiryAsync(tenantId, policy, now, round, ct);
        if (policy.AdminDigest)
        {
            await DigestAsync(tenantId, tenantName, policy, now, round, ct);
        }

        if (policy.CleanupUnusedAfterDays is { } days)
        {
            await CleanupAsync(tenantId, days, now, neverUsed: true, round, ct);
            await CleanupAsync(tenantId, days, now, neverUsed: false, round, ct);
        }
    }

    /// <summary>The start of the UTC day of <paramref name="at"/>: "today" for the notices is the UTC calendar day.</summary>
    public static DateTimeOffset UtcDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>Until when tokens count as "expiring soon" under <paramref name="policy"/> (its notice days, else 7).</summary>
    public static int ExpiringSoonDays(TenantPolicySettings policy) => policy.ExpiryNoticeDays > 0 ? policy.ExpiryNoticeDays : 7;

    private async Task ExpiryAsync(Guid tenantId, TenantPolicySettings policy, DateTimeOffset now, NoticeRound round, CancellationToken ct)
    {
        var endOfToday = UtcDay(now).AddDays(1);
        var soon = now.AddDays(policy.ExpiryNoticeDays);
        var horizon = policy.NoticeOnExpiryDay && endOfToday > soon ? endOfToday : soon;
        if (horizon <= now)
        {
            return;
        }

        // EndsAt is ValidTo for a token that is not revoked: the (TenantId, EndsAt, GuidText) index gives the range in order.
        DateTimeOffset? lastEnd = null;
        var lastGuid = "";
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var query = db.Tokens.AsNoTracking()
                .Where(t => t.TenantId == tenantId && t.EndsAt > now && t.EndsAt <= horizon && t.RevokedAt == null && t.OwnerIsActive);
            if (lastEnd is { } end)
            {
                query = query.Where(t => t.EndsAt > end || (t.EndsAt == end && t.GuidText.CompareTo(lastGuid) > 0));
            }

            var batch = await query.OrderBy(t => t.EndsAt).ThenBy(t => t.GuidText).Take(BatchSize)
                .Select(t => new { t.Id, t.GuidText, t.OwnerId, t.Name, t.EndsAt })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return;
            }

            var wanted = new List<Notice>();
            foreach (var token in batch)
            {
                var link = _options.TokenLink(token.Id);
                if (policy.NoticeOnExpiryDay && token.EndsAt < endOfToday)
                {
                    var (subject, body) = NoticeTexts.ExpiresToday(token.Name, token.Id, token.EndsAt, link);
                    wanted.Add(Notice.Create(tenantId, token.OwnerId, token.Id, NoticeKind.ExpiresToday,
                        $"expires-today:{token.Id:N}:{token.EndsAt.UtcTicks}", subject, body, now));
                }
                else if (policy.ExpiryNoticeDays > 0 && token.EndsAt <= soon)
                {
                    var (subject, body) = NoticeTexts.ExpiresSoon(token.Name, token.Id, token.EndsAt, now, link);
                    wanted.Add(Notice.Create(tenantId, token.OwnerId, token.Id, NoticeKind.ExpiresSoon,
                        $"expires-soon:{token.Id:N}:{token.EndsAt.UtcTicks}", subject, body, now));
                }
            }

            await AddNewAsync(db, wanted, round, ct);
            if (batch.Count < BatchSize)
            {
                return;
            }

            lastEnd = batch[^1].EndsAt;
            lastGuid = batch[^1].GuidText;
        }
    }

    private async Task DigestAsync(Guid tenantId, string tenantName, TenantPolicySettings policy, DateTimeOffset now, NoticeRound round, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var day = UtcDay(now);
        var admins = await db.Users.AsNoTracking()
            .Where(u => u.TenantId == tenantId && u.Role == Role.FullAdmin && u.IsActive && u.SubjectId != BuiltInUsers.OperatorSubject)
            .Select(u => u.Id)
            .ToListAsync(ct);
        var keys = admins.ToDictionary(a => a, a => $"admin-digest:{tenantId:N}:{day:yyyyMMdd}:{a:N}");
        var existing = await ExistingKeysAsync(db, keys.Values, ct);
        var missing = admins.Where(a => !existing.ContainsKey(keys[a])).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var days = ExpiringSoonDays(policy);
        var horizon = now.AddDays(days);
        var expiring = db.Tokens.AsNoTracking()
            .Where(t => t.TenantId == tenantId && t.EndsAt > now && t.EndsAt <= horizon && t.RevokedAt == null && t.OwnerIsActive);
        var total = await expiring.Take(TokenQuery.CountLimit + 1).CountAsync(ct);
        if (total == 0)
        {
            return;
        }

        var lines = await expiring.OrderBy(t => t.EndsAt).ThenBy(t => t.GuidText).Take(DigestLines)
            .Select(t => new NoticeTexts.DigestLine(t.Id, t.Name, t.Owner.DisplayName, t.EndsAt))
            .ToListAsync(ct);
        var (subject, body) = NoticeTexts.AdminDigest(
            tenantName, now, days, lines, Math.Min(total, TokenQuery.CountLimit), total > TokenQuery.CountLimit, _options.TokenLink);
        var notices = missing.Select(a => Notice.Create(tenantId, a, null, NoticeKind.AdminDigest, keys[a], subject, body, now)).ToList();
        await AddNewAsync(db, notices, round, ct);
    }

    /// <summary>
    /// The usable tokens whose last activity (last use; creation for never-used ones) is old enough to be told about or
    /// revoked: never-used ones by the creation index, used ones by the last-use index, in batches.
    /// </summary>
    private async Task CleanupAsync(Guid tenantId, int days, DateTimeOffset now, bool neverUsed, NoticeRound round, CancellationToken ct)
    {
        var unusedSince = now.AddDays(-days);
        var tellFrom = unusedSince + CleanupNoticeLead;
        DateTimeOffset? lastActivity = null;
        var lastGuid = "";
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var usable = db.Tokens.Where(t => t.TenantId == tenantId && t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > now));
            List<CleanupCandidate> batch;
            if (neverUsed)
            {
                var query = usable.Where(t => t.LastUsedAt == null && t.CreatedAt <= tellFrom);
                if (lastActivity is { } after)
                {
                    query = query.Where(t => t.CreatedAt > after || (t.CreatedAt == after && t.GuidText.CompareTo(lastGuid) > 0));
                }

                batch = await query.OrderBy(t => t.CreatedAt).ThenBy(t => t.GuidText).Take(BatchSize)
                    .Select(t => new CleanupCandidate(t.Id, t.GuidText, t.OwnerId, t.Name, t.ValidTo, t.CreatedAt, true))
                    .ToListAsync(ct);
            }
            else
            {
                var query = usable.Where(t => t.LastUsedAt != null && t.LastUsedAt <= tellFrom);
                if (lastActivity is { } after)
                {
                    query = query.Where(t => t.LastUsedAt > after || (t.LastUsedAt == after && t.GuidText.CompareTo(lastGuid) > 0));
                }

                batch = await query.OrderBy(t => t.LastUsedAt).ThenBy(t => t.GuidText).Take(BatchSize)
                    .Select(t => new CleanupCandidate(t.Id, t.GuidText, t.OwnerId, t.Name, t.ValidTo, t.LastUsedAt!.Value, false))
                    .ToListAsync(ct);
            }

            if (batch.Count == 0)
            {
                return;
            }

            await CleanupBatchAsync(db, tenantId, days, now, batch, round, ct);
            if (batch.Count < BatchSize)
            {
                return;
            }

            lastActivity = batch[^1].LastActivity;
            lastGuid = batch[^1].GuidText;
        }
    }

    private async Task CleanupBatchAsync(
        TokenDbContext db, Guid tenantId, int days, DateTimeOffset now, List<CleanupCandidate> batch, NoticeRound round, CancellationToken ct)
    {
        var told = await ExistingKeysAsync(db, batch.Select(CleanupSoonKey), ct);
        var notices = new List<Notice>();
        var due = new List<CleanupCandidate>();
        foreach (var token in batch)
        {
            var revokeFrom = RevokeFrom(token.LastActivity, days, told.TryGetValue(CleanupSoonKey(token), out var toldAt) ? toldAt : null, now);
            if (!told.ContainsKey(CleanupSoonKey(token)))
            {
                var (subject, body) = NoticeTexts.CleanupSoon(
                    token.Name, token.Id, token.ValidTo, token.LastActivity, token.NeverUsed, days, revokeFrom, _options.TokenLink(token.Id));
                notices.Add(Notice.Create(tenantId, token.OwnerId, token.Id, NoticeKind.CleanupSoon, CleanupSoonKey(token), subject, body, now));
            }
            else if (revokeFrom <= now)
            {
                due.Add(token);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fresh = await NewOnlyAsync(db, notices, ct);
        db.Notices.AddRange(fresh);
        var revoked = new List<TokenChange>();
        if (due.Count > 0)
        {
            var ids = due.Select(t => t.Id).ToList();
            var tokens = await db.Tokens.Where(t => ids.Contains(t.Id)).ToListAsync(ct);
            foreach (var token in tokens)
            {
                // Read again in this transaction: a use recorded (or a revoke) since the batch was read keeps the token.
                var activity = token.LastUsedAt ?? token.CreatedAt;
                if (token.RevokedAt is not null || !token.IsUsableAt(now) || activity > now.AddDays(-days))
                {
                    continue;
                }

                token.RevokeByPolicy(now);
                db.Audit.Add(AuditEntry.RecordByPolicy(tenantId, now, AuditAction.TokenRevoked, AuditSummaries.CleanedUp(token, days), token.Id));
                var (subject, body) = NoticeTexts.CleanedUp(token.Name, token.Id, token.ValidTo, days, now, _options.TokenLink(token.Id));
                db.Notices.Add(Notice.Create(tenantId, token.OwnerId, token.Id, NoticeKind.CleanedUp,
                    $"cleaned-up:{token.Id:N}:{activity.UtcTicks}", subject, body, now));
                revoked.Add(TokenChange.OfToken(token.Id));
            }
        }

        if (fresh.Count == 0 && revoked.Count == 0)
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        await changes.CommitAsync(db, revoked, TokenChangeKind.Revoked, ct);
        round.Added += fresh.Count + revoked.Count;
        round.Revoked += revoked.Count;
        foreach (var change in revoked)
        {
            LogCleanedUp(logger, change.TokenId!.Value, tenantId);
        }
    }

    /// <summary>
    /// When the clean-up may revoke a token last active at <paramref name="lastActivity"/>: once unused for
    /// <paramref name="days"/>, and never sooner than <see cref="CleanupNoticeLead"/> after its owner was told.
    /// </summary>
    public static DateTimeOffset RevokeFrom(DateTimeOffset lastActivity, int days, DateTimeOffset? toldAt, DateTimeOffset now)
    {
        var unusedEnough = lastActivity.AddDays(days);
        var afterNotice = (toldAt ?? now) + CleanupNoticeLead;
        return unusedEnough > afterNotice ? unusedEnough : afterNotice;
    }

    private static string CleanupSoonKey(CleanupCandidate token) => $"cleanup-soon:{token.Id:N}:{token.LastActivity.UtcTicks}";

    private static async Task<Dictionary<string, DateTimeOffset>> ExistingKeysAsync(TokenDbContext db, IEnumerable<string> keys, CancellationToken ct)
    {
        var list = keys.ToList();
        return await db.Notices.AsNoTracking().Where(n => list.Contains(n.DedupeKey))
            .Select(n => new { n.DedupeKey, n.CreatedAt })
            .ToDictionaryAsync(n => n.DedupeKey, n => n.CreatedAt, ct);
    }

    private static async Task<List<Notice>> NewOnlyAsync(TokenDbContext db, List<Notice> notices, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return notices;
        }

        var existing = await ExistingKeysAsync(db, notices.Select(n => n.DedupeKey), ct);
        return notices.Where(n => !existing.ContainsKey(n.DedupeKey)).ToList();
    }

    /// <summary>Adds the notices whose key is absent, in one transaction (the rule of <see cref="NoticeOutbox"/>, for a batch).</summary>
    private static async Task AddNewAsync(TokenDbContext db, List<Notice> notices, NoticeRound round, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var fresh = await NewOnlyAsync(db, notices, ct);
        if (fresh.Count == 0)
        {
            return;
        }

        db.Notices.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        round.Added += fresh.Count;
    }

    private sealed record CleanupCandidate(Guid Id, string GuidText, Guid OwnerId, string Name, DateTimeOffset? ValidTo, DateTimeOffset LastActivity, bool NeverUsed);

    [LoggerMessage(140, LogLevel.Information, "Token {TokenId} of tenant {TenantId} revoked by the tenant policy: unused")]
    private static partial void LogCleanedUp(ILogger logger, Guid tokenId, Guid tenantId);

    [LoggerMessage(141, LogLevel.Debug, "Notices of tenant {TenantId}: another node wrote first ({Error}); retried next round")]
    private static partial void LogLostRace(ILogger logger, Guid tenantId, string error);
}

/// <summary>What one round of <see cref="NoticeProducer"/> did.</summary>
public sealed class NoticeRound
{
    /// <summary>Notices written.</summary>
    public int Added { get; internal set; }

    /// <summary>Tokens revoked by the clean-up.</summary>
    public int Revoked { get; internal set; }

    /// <summary>Batches that lost a race with another node (retried next round).</summary>
    public int LostRaces { get; internal set; }
}
