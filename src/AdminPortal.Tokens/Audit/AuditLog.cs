using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Audit;

/// <summary>
/// Reads the audit log. Full admins read their tenant's log; everyone else (security readers too) reads the
/// entries of their own actions and about the tokens they own: the log names tokens, so it must not show anyone a
/// token that the token service would answer "not found" for.
/// </summary>
public sealed class AuditLog(IDbContextFactory<TokenDbContext> contexts)
{
    /// <summary>A page of entries, newest first.</summary>
    public async Task<Result<AuditPage>> QueryAsync(Guid actorId, AuditQuery query, CancellationToken ct = default)
    {
        if (query.Page < 1 || query.PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            return TokenError.Invalid(query.Page < 1 ? "Page" : "PageSize",
                query.Page < 1 ? "Page must be 1 or more." : $"Page size must be between 1 and {AuditQuery.MaxPageSize}.");
        }

        if ((long)query.Page * query.PageSize > AuditQuery.CountLimit)
        {
            return TokenError.Invalid("Page", $"Page numbers reach the first {AuditQuery.CountLimit:N0} entries. To read further, follow the cursor of each page (next), or narrow the filters.");
        }

        if (query.From is { } from && query.To is { } to && to <= from)
        {
            return TokenError.Invalid("To", "The end of the time range must be after its start.");
        }

        var cursor = query.After is { } after ? AuditCursor.Decode(after) : null;
        if (query.After is not null && (cursor is null || query.Page != 1))
        {
            return TokenError.Invalid("After", cursor is null ? "The cursor is not one this log returned." : "Give either a cursor or a page number, not both.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == actorId, ct);
        if (actor is not { IsActive: true })
        {
            return TokenError.Forbidden(actor is null ? "Unknown user." : "Your account is deactivated.");
        }

        var entries = db.Audit.AsNoTracking().Where(a => a.TenantId == actor.TenantId);
        if (actor.Role != Role.FullAdmin)
        {
            var owned = db.Tokens.Where(t => t.OwnerId == actor.Id).Select(t => (Guid?)t.Id);
            entries = entries.Where(a => a.ActorId == actor.Id || owned.Contains(a.TokenId));
        }

        entries = Filter(entries, query);
        // Counted up to a limit, like token listings: an exact count of millions of entries cannot be had in time.
        var counted = await entries.Take(AuditQuery.CountLimit + 1).CountAsync(ct);
        if (cursor is { At: var at, Id: var id })
        {
            // "At <= the cursor's" is the range of the (TenantId, At) index that the seek starts from; the rest picks up
            // after the cursor's entry among those of the same instant.
            entries = entries.Where(a => a.At <= at && (a.At < at || a.Id < id));
        }

        // One more than the page, to know whether a next page (and so a cursor) exists.
        var rows = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize + 1)
            .Select(a => new AuditView(a.Id, a.At, a.ActorId, a.ActorName, a.Action, a.TokenId, a.TargetUserId, a.Summary, a.ClientAddress))
            .ToListAsync(ct);
        var items = rows.Take(query.PageSize).ToList();
        return new AuditPage(items, Math.Min(counted, AuditQuery.CountLimit), query.Page, query.PageSize)
        {
            TotalIsLowerBound = counted > AuditQuery.CountLimit,
            Next = rows.Count > query.PageSize ? AuditCursor.After(items[^1]) : null,
        };
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, AuditQuery query)
    {
        if (query.TokenId is { } tokenId)
        {
            entries = entries.Where(a => a.TokenId == tokenId);
        }

        if (query.ActorId is { } actorId)
        {
            entries = entries.Where(a => a.ActorId == actorId);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(a => a.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(a => a.At < to);
        }

        return entries;
    }
}
