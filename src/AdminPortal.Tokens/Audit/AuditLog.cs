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

        if (query.From is { } from && query.To is { } to && to <= from)
        {
            return TokenError.Invalid("To", "The end of the time range must be after its start.");
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
        var items = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(a => new AuditView(a.Id, a.At, a.ActorId, a.ActorName, a.Action, a.TokenId, a.TargetUserId, a.Summary, a.ClientAddress))
            .ToListAsync(ct);
        return new AuditPage(items, Math.Min(counted, AuditQuery.CountLimit), query.Page, query.PageSize) { TotalIsLowerBound = counted > AuditQuery.CountLimit };
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
