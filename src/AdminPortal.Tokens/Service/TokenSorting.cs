using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// Sorts of a listing, in the database, with the GUID as a tie-breaker in the same direction so that paging is stable and
/// every sort but the active-first one reads its tenant-leading index in order (descending: backwards). The end and the
/// start of validity in effect are stored, derived columns (<see cref="ApiToken.EndsAt"/>, <see cref="ApiToken.StartsAt"/>).
/// <c>nullsSortFirst</c>: the engine orders NULL before every value when ascending (SQLite; PostgreSQL does not). The
/// active-first sort, whose key depends on the time of the call, is read as two queries by the token service instead.
/// </summary>
internal static class TokenSorting
{
    public static IQueryable<ApiToken> SortBy(this IQueryable<ApiToken> tokens, TokenSort sort, bool descending, bool nullsSortFirst)
    {
        var ordered = sort switch
        {
            TokenSort.Name => descending ? tokens.OrderByDescending(t => t.NameKey) : tokens.OrderBy(t => t.NameKey),
            // Never used counts as oldest on every engine: first ascending, last descending. SQLite orders NULL so itself
            // (and reads the sort's index in order); PostgreSQL orders NULL last ascending, so there the key is the last use
            // or the earliest instant, which its expression index holds in order (PostgresLastUseOrder).
            TokenSort.LastUsed when nullsSortFirst => descending ? tokens.OrderByDescending(t => t.LastUsedAt) : tokens.OrderBy(t => t.LastUsedAt),
            TokenSort.LastUsed => descending ? tokens.OrderByDescending(PostgresLastUseOrder.Key) : tokens.OrderBy(PostgresLastUseOrder.Key),
            TokenSort.Expires => descending ? tokens.OrderByDescending(t => t.EndsAt) : tokens.OrderBy(t => t.EndsAt),
            TokenSort.ActiveFrom => descending ? tokens.OrderByDescending(t => t.StartsAt) : tokens.OrderBy(t => t.StartsAt),
            TokenSort.Created => descending ? tokens.OrderByDescending(t => t.CreatedAt) : tokens.OrderBy(t => t.CreatedAt),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
        return descending ? ordered.ThenByDescending(t => t.GuidText) : ordered.ThenBy(t => t.GuidText);
    }
}
