using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

/// <summary>How many of a person's own tokens expire soon, and what "soon" is in their tenant.</summary>
public sealed record ExpiringSoonSummary(int Count, int Days);

/// <summary>A notice as its recipient sees it in the portal (never a secret).</summary>
public sealed record NoticeView(long Id, NoticeKind Kind, Guid? TokenId, string Subject, string Body, DateTimeOffset CreatedAt);

/// <summary>A person's notices not yet dismissed: the newest ones, and how many there are (counted up to 100).</summary>
public sealed record UnreadNotices(IReadOnlyList<NoticeView> Newest, int Count, bool CountIsLowerBound);

/// <summary>A token the clean-up of unused tokens will revoke, and when at the earliest.</summary>
public sealed record CleanupCandidateView(TokenView Token, DateTimeOffset LastActivity, DateTimeOffset RevokeFrom, bool OwnerTold);

public sealed partial class TokenService
{
    /// <summary>Unread notices are counted up to this many.</summary>
    public const int NoticeCountLimit = 100;

    /// <summary>The caller's own usable tokens that expire within their tenant's expiry notice period.</summary>
    public Task<Result<ExpiringSoonSummary>> ExpiringSoonAsync(Guid actorId, CancellationToken ct = default) =>
        ReadAsync<ExpiringSoonSummary>(actorId, async (db, actor) =>
        {
            var now = Now();
            var days = NoticeProducer.ExpiringSoonDays(await LoadPolicyAsync(db, actor.TenantId, ct));
            var count = await db.Tokens.Where(t => t.OwnerId == actor.Id).Where(TokenFilters.IsExpiringSoon(now, now.AddDays(days))).CountAsync(ct);
            return new ExpiringSoonSummary(count, days);
        }, ct);

    /// <summary>The end of "expiring soon" in <paramref name="actor"/>'s tenant at <paramref name="now"/>.</summary>
    private static async Task<DateTimeOffset> ExpiringByAsync(Persistence.TokenDbContext db, PortalUser actor, DateTimeOffset now, CancellationToken ct) =>
        now.AddDays(NoticeProducer.ExpiringSoonDays(await LoadPolicyAsync(db, actor.TenantId, ct)));

    /// <summary>The caller's notices that they have not dismissed, newest first (at most <paramref name="max"/>).</summary>
    public Task<Result<UnreadNotices>> UnreadNoticesAsync(Guid actorId, int max = 10, CancellationToken ct = default) =>
        ReadAsync<UnreadNotices>(actorId, async (db, actor) =>
        {
            var unread = db.Notices.AsNoTracking().Where(n => n.RecipientId == actor.Id && n.ReadAt == null);
            var count = await unread.Take(NoticeCountLimit + 1).CountAsync(ct);
            var newest = await unread.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(max, 1, NoticeCountLimit))
                .Select(n => new NoticeView(n.Id, n.Kind, n.TokenId, n.Subject, n.Body, n.CreatedAt))
                .ToListAsync(ct);
            return new UnreadNotices(newest, Math.Min(count, NoticeCountLimit), count > NoticeCountLimit);
        }, ct);

    /// <summary>Dismisses one of the caller's notices (another person's is "not found").</summary>
    public Task<Result<long>> DismissNoticeAsync(Guid actorId, long noticeId, CancellationToken ct = default) =>
        StorageGuard.RunAsync(() => ReadAsync<long>(actorId, async (db, actor) =>
        {
            var notice = await db.Notices.SingleOrDefaultAsync(n => n.Id == noticeId && n.RecipientId == actor.Id, ct);
            if (notice is null)
            {
                return TokenError.NotFound();
            }

            notice.Read(Now());
            await db.SaveChangesAsync(ct);
            return notice.Id;
        }, ct));

    /// <summary>
    /// Full admins: the tokens of the tenant that the clean-up of unused tokens will revoke within <paramref name="days"/>
    /// days (a token is revoked once unused for the policy's days and at least 7 days after its owner was told), soonest
    /// first, at most <paramref name="max"/>. Empty while the policy cleans nothing up.
    /// </summary>
    public Task<Result<IReadOnlyList<CleanupCandidateView>>> CleanupDueWithinAsync(Guid actorId, int days, int max = 100, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<CleanupCandidateView>>(actorId, async (db, actor) =>
        {
            if (actor.Role != Role.FullAdmin)
            {
                return TokenError.Forbidden("Only full admins see which tokens the clean-up will revoke.");
            }

            if (days is < 0 or > 3650 || max is < 1 or > TokenQuery.MaxPageSize)
            {
                return TokenError.Invalid(days is < 0 or > 3650 ? "Days" : "Max", "Days must be 0-3650 and the list 1-100 long.");
            }

            if ((await LoadPolicyAsync(db, actor.TenantId, ct)).CleanupUnusedAfterDays is not { } unusedDays)
            {
                return Result<IReadOnlyList<CleanupCandidateView>>.Ok([]);
            }

            var now = Now();
            var by = now.AddDays(days);
            var activeBefore = by.AddDays(-unusedDays);
            var usable = db.Tokens.AsNoTracking().Include(t => t.Owner)
                .Where(t => t.TenantId == actor.TenantId && t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > now));
            var neverUsed = await usable.Where(t => t.LastUsedAt == null && t.CreatedAt <= activeBefore)
                .OrderBy(t => t.CreatedAt).ThenBy(t => t.GuidText).Take(max).ToListAsync(ct);
            var used = await usable.Where(t => t.LastUsedAt != null && t.LastUsedAt <= activeBefore)
                .OrderBy(t => t.LastUsedAt).ThenBy(t => t.GuidText).Take(max).ToListAsync(ct);
            var tokens = neverUsed.Concat(used).ToList();
            var keys = tokens.Select(t => $"cleanup-soon:{t.Id:N}:{(t.LastUsedAt ?? t.CreatedAt).UtcTicks}").ToList();
            var told = await db.Notices.AsNoTracking().Where(n => keys.Contains(n.DedupeKey)).ToDictionaryAsync(n => n.TokenId!.Value, n => n.CreatedAt, ct);
            return tokens
                .Select(t =>
                {
                    var activity = t.LastUsedAt ?? t.CreatedAt;
                    var toldAt = told.TryGetValue(t.Id, out var at) ? at : (DateTimeOffset?)null;
                    return new CleanupCandidateView(ToView(t, actor.Id, now), activity, NoticeProducer.RevokeFrom(activity, unusedDays, toldAt, now), toldAt is not null);
                })
                .Where(c => c.RevokeFrom <= by)
                .OrderBy(c => c.RevokeFrom).ThenBy(c => c.Token.Id)
                .Take(max)
                .ToList();
        }, ct);
}
