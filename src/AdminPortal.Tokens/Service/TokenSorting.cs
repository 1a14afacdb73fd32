using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>Sorts of a listing, in the database, with the GUID as a tie-breaker so that paging is stable.</summary>
internal static class TokenSorting
{
    public static IQueryable<ApiToken> SortBy(this IQueryable<ApiToken> tokens, TokenSort sort, bool descending, DateTimeOffset now)
    {
        var ordered = sort switch
        {
            TokenSort.Name => descending ? tokens.OrderByDescending(t => t.NameKey) : tokens.OrderBy(t => t.NameKey),
            TokenSort.IsActive => (descending ? tokens.OrderByDescending(TokenFilters.HasValidity(TokenValidity.Valid, now))
                : tokens.OrderBy(TokenFilters.HasValidity(TokenValidity.Valid, now))).ThenBy(t => t.NameKey),
            // Never used counts as oldest on every engine (SQLite sorts NULL first, PostgreSQL last).
            TokenSort.LastUsed => descending
                ? tokens.OrderBy(t => t.LastUsedAt == null).ThenByDescending(t => t.LastUsedAt)
                : tokens.OrderByDescending(t => t.LastUsedAt == null).ThenBy(t => t.LastUsedAt),
            TokenSort.Expires => descending
                ? tokens.OrderByDescending(t => (t.RevokedAt ?? t.ValidTo) == null).ThenByDescending(t => t.RevokedAt ?? t.ValidTo)
                : tokens.OrderBy(t => (t.RevokedAt ?? t.ValidTo) == null).ThenBy(t => t.RevokedAt ?? t.ValidTo),
            TokenSort.ActiveFrom => descending ? tokens.OrderByDescending(t => t.ValidFrom ?? t.CreatedAt) : tokens.OrderBy(t => t.ValidFrom ?? t.CreatedAt),
            TokenSort.Created => descending ? tokens.OrderByDescending(t => t.CreatedAt) : tokens.OrderBy(t => t.CreatedAt),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
        return ordered.ThenBy(t => t.GuidText);
    }
}
