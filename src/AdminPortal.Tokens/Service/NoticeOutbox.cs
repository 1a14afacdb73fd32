using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// Adds notices to the outbox inside the caller's transaction, so that a notice exists exactly when the change that
/// causes it was committed. A notice whose key already exists is not added again: the first one stands. Two
/// transactions that add the same key at once cannot both commit (the key is unique): the later one fails as a whole,
/// which a scheduled producer simply retries on its next round.
/// </summary>
public static class NoticeOutbox
{
    /// <summary>Adds a notice to one person unless one with <paramref name="dedupeKey"/> exists; true if added.</summary>
    public static async Task<bool> AddAsync(
        TokenDbContext db, Guid tenantId, Guid recipientId, Guid? tokenId, NoticeKind kind, string dedupeKey, string subject, string body,
        DateTimeOffset at, CancellationToken ct = default)
    {
        if (db.ChangeTracker.Entries<Notice>().Any(e => e.Entity.DedupeKey == dedupeKey)
            || await db.Notices.AnyAsync(n => n.DedupeKey == dedupeKey, ct))
        {
            return false;
        }

        db.Notices.Add(Notice.Create(tenantId, recipientId, tokenId, kind, dedupeKey, subject, body, at));
        return true;
    }

    /// <summary>
    /// Adds the same notice to the token's owner and to every active full admin of its tenant (each once), keyed
    /// "<paramref name="dedupeKey"/>:{recipient}". Returns how many were added.
    /// </summary>
    public static async Task<int> ToOwnerAndAdminsAsync(
        TokenDbContext db, ApiToken token, NoticeKind kind, string dedupeKey, string subject, string body, DateTimeOffset at, CancellationToken ct = default)
    {
        var admins = await db.Users
            .Where(u => u.TenantId == token.TenantId && u.Role == Role.FullAdmin && u.IsActive)
            .Select(u => u.Id)
            .ToListAsync(ct);
        var added = 0;
        foreach (var recipient in admins.Prepend(token.OwnerId).Distinct())
        {
            if (await AddAsync(db, token.TenantId, recipient, token.Id, kind, $"{dedupeKey}:{recipient:N}", subject, body, at, ct))
            {
                added++;
            }
        }

        return added;
    }
}
