using System.Linq.Expressions;
using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore.Query;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// The rules of <see cref="TokenStatus"/> and of visibility as query expressions, so that filters and sorts
/// run in the database. A test proves that they agree with <see cref="TokenStatus"/> for every case.
/// </summary>
internal static class TokenFilters
{
    /// <summary>Rule 6: full admins see their tenant's tokens; everyone else their own.</summary>
    public static IQueryable<ApiToken> VisibleTo(this IQueryable<ApiToken> tokens, PortalUser actor) =>
        actor.Role == Role.FullAdmin
            ? tokens.Where(t => t.TenantId == actor.TenantId)
            : tokens.Where(t => t.TenantId == actor.TenantId && t.OwnerId == actor.Id);

    public static Expression<Func<ApiToken, bool>> HasValidity(TokenValidity validity, DateTimeOffset now)
    {
        // The owner's state is compared with a value (captured, so a parameter of the query), not read as a truth value or negated: SQLite seeks an
        // index, here (TenantId, OwnerIsActive, RevokedAt, ValidTo), only for "column = value".
        return HasValidity(validity, now, active: true, inactive: false);
    }

    private static Expression<Func<ApiToken, bool>> HasValidity(TokenValidity validity, DateTimeOffset now, bool active, bool inactive) => validity switch
    {
        TokenValidity.Revoked => t => t.RevokedAt != null,
        TokenValidity.Expired => t => t.RevokedAt == null && t.ValidTo != null && t.ValidTo <= now,
        TokenValidity.Suspended => t => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > now) && t.OwnerIsActive == inactive,
        // StartsAt is ValidFrom when that is set: "StartsAt > now" changes nothing but lets the (TenantId, StartsAt) index serve it.
        TokenValidity.Scheduled => t => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > now) && t.OwnerIsActive == active
            && t.ValidFrom != null && t.ValidFrom > now && t.StartsAt > now,
        TokenValidity.Valid => t => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > now) && t.OwnerIsActive == active
            && (t.ValidFrom == null || t.ValidFrom <= now),
        _ => throw new ArgumentOutOfRangeException(nameof(validity)),
    };

    public static Expression<Func<ApiToken, bool>> HasUsage(TokenUsage usage, DateTimeOffset now, TimeSpan window)
    {
        var activeSince = now - window;
        return usage switch
        {
            TokenUsage.Generated => t => t.LastUsedAt == null,
            TokenUsage.Active => t => t.LastUsedAt != null && t.LastUsedAt > activeSince,
            TokenUsage.Inactive => t => t.LastUsedAt != null && t.LastUsedAt <= activeSince,
            _ => throw new ArgumentOutOfRangeException(nameof(usage)),
        };
    }

    /// <summary>Counts against the per-owner limit (see <see cref="TokenStatus.IsUsable"/>).</summary>
    public static Expression<Func<ApiToken, bool>> IsUsable(DateTimeOffset now) =>
        t => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > now);

    /// <summary>Keeps tokens matching any of <paramref name="predicates"/>; all tokens when there are none.</summary>
    public static IQueryable<ApiToken> WhereAny(this IQueryable<ApiToken> tokens, IEnumerable<Expression<Func<ApiToken, bool>>> predicates)
    {
        Expression<Func<ApiToken, bool>>? combined = null;
        foreach (var predicate in predicates)
        {
            combined = combined is null
                ? predicate
                : Expression.Lambda<Func<ApiToken, bool>>(
                    Expression.OrElse(combined.Body, ReplacingExpressionVisitor.Replace(predicate.Parameters[0], combined.Parameters[0], predicate.Body)),
                    combined.Parameters);
        }

        return combined is null ? tokens : tokens.Where(combined);
    }
}
