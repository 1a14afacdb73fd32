using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>
    /// A page of the audit log, newest first. Full admins read their whole tenant's; everyone else the entries about
    /// tokens they own and the actions they took themselves.
    /// </summary>
    public async Task<Result<AuditPage>> AuditAsync(Guid actorId, AuditQuery query, CancellationToken ct = default)
    {
        if (CheckAuditQuery(query) is { } invalid)
        {
            return invalid;
        }

        return await ReadAsync<AuditPage>(actorId, async (db, actor) =>
        {
            var entries = db.Audit.AsNoTracking().Where(a => a.TenantId == actor.TenantId);
            if (actor.Role != Role.FullAdmin)
            {
                entries = entries.Where(a => a.ActorId == actor.Id || db.Tokens.Any(t => t.Id == a.TokenId && t.OwnerId == actor.Id));
            }

            entries = Filter(entries, query);
            var total = await entries.CountAsync(ct);
            var page = await entries.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .ToListAsync(ct);
            return new AuditPage(page, total, query.Page, query.PageSize);
        }, ct);
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, AuditQuery query)
    {
        if (query.TokenId is { } tokenId)
        {
            entries = entries.Where(a => a.TokenId == tokenId);
        }

        if (query.ActorId is { } actorFilter)
        {
            entries = entries.Where(a => a.ActorId == actorFilter);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(a => a.At >= from);
        }

        return query.To is { } to ? entries.Where(a => a.At < to) : entries;
    }

    private static TokenError? CheckAuditQuery(AuditQuery query)
    {
        if (CheckPage(query.Page, query.PageSize, AuditQuery.MaxPageSize) is { } page)
        {
            return page;
        }

        return query.From is { } from && query.To is { } to && to <= from
            ? TokenError.Invalid("To", "The end of the time range must be after its start.")
            : null;
    }
}
