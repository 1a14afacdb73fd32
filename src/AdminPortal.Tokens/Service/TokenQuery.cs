using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>Filters, sort and page of a token listing. Every part runs in the database.</summary>
public sealed record TokenQuery
{
    /// <summary>The validity statuses of tokens that can be used or will be: the default view.</summary>
    public static readonly IReadOnlyList<TokenValidity> UsableStatuses = [TokenValidity.Valid, TokenValidity.Scheduled];

    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// Counts for a page within the first this many matches stop here: a larger total is reported as "more than this"
    /// (<see cref="TokenPage.TotalIsLowerBound"/>). Counting is what a listing of a common keyword or scope spends its time
    /// on in a large tenant (the page itself is read in the sort's order and stops after one page), so it stops early, as
    /// code searches of large hosts stop at 1,000 results: the first 40 pages of 25 can be reached by number, the rest by
    /// narrower filters or the API's cursor.
    /// </summary>
    public const int CountLimit = 1_000;

    /// <summary>
    /// Counts for a page beyond the first <see cref="CountLimit"/> matches (the API's deep page numbers) stop here, and page
    /// numbers stop here too: a page by number skips every row before it (500,000 rows for page 5,000 of 100: 0.7 s on
    /// PostgreSQL, 60 ms on SQLite), where the cursor (<see cref="TokenQuery.After"/>) seeks to it in a few milliseconds
    /// however deep. Large search APIs stop page numbers the same way (at 1,000 or 10,000 results).
    /// </summary>
    public const int DeepCountLimit = 10_000;

    /// <summary>Where the count of a page that ends <paramref name="end"/> matches in stops.</summary>
    public static int CountLimitFor(long end) => end <= CountLimit ? CountLimit : DeepCountLimit;

    /// <summary>Name keywords separated by spaces; every one must occur in the name, ignoring case.</summary>
    public string? Name { get; init; }

    /// <summary>A whole GUID or its leading part.</summary>
    public string? GuidPrefix { get; init; }

    /// <summary>Tokens with any of these scopes; empty for no scope filter.</summary>
    public IReadOnlyCollection<string> Scopes { get; init; } = [];

    /// <summary>Validity statuses to include; empty for every status. Defaults to the usable ones.</summary>
    public IReadOnlyCollection<TokenValidity> Validity { get; init; } = UsableStatuses;

    /// <summary>Usage statuses to include; empty for every status.</summary>
    public IReadOnlyCollection<TokenUsage> Usage { get; init; } = [];

    /// <summary>
    /// Only tokens that expire soon: not revoked, ending within the tenant's expiry notice period (its ExpiryNoticeDays; 7
    /// when that is 0), together with <see cref="Validity"/>.
    /// </summary>
    public bool ExpiringSoon { get; init; }

    /// <summary>Tokens created within this range.</summary>
    public InstantRange Created { get; init; }

    /// <summary>Tokens whose valid-to (as set, revoked or not) lies within this range; a token that never expires is in none.</summary>
    public InstantRange Expires { get; init; }

    /// <summary>Tokens last used within this range; a never-used token is in none.</summary>
    public InstantRange LastUsed { get; init; }

    /// <summary>All tokens of the tenant (full admins only) instead of the caller's own.</summary>
    public bool AllOfTenant { get; init; }

    /// <summary>With <see cref="AllOfTenant"/>: only this owner's tokens.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>Sort column.</summary>
    public TokenSort Sort { get; init; } = TokenSort.Created;

    /// <summary>Sort direction.</summary>
    public bool Descending { get; init; } = true;

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Rows per page, 1-100.</summary>
    public int PageSize { get; init; } = 25;

    /// <summary>
    /// A keyset cursor (<see cref="TokenPage.Next"/> of the previous page, same filters and sort): the page right after
    /// that page's last row, as fast however deep it is. <see cref="Page"/> must then be 1.
    /// </summary>
    public string? After { get; init; }
}

/// <summary>Sortable columns.</summary>
public enum TokenSort
{
    /// <summary>By creation time.</summary>
    Created = 0,

    /// <summary>By name, ignoring case.</summary>
    Name = 1,

    /// <summary>Active tokens together (then by name).</summary>
    IsActive = 2,

    /// <summary>By last use; never-used tokens count as oldest.</summary>
    LastUsed = 3,

    /// <summary>By effective end of validity; tokens that never expire last when ascending.</summary>
    Expires = 4,

    /// <summary>By start of validity in effect.</summary>
    ActiveFrom = 5,
}

/// <summary>
/// One page of a listing and the number of all matching tokens: exact up to <see cref="TokenQuery.CountLimit"/> (up to
/// <see cref="TokenQuery.DeepCountLimit"/> for a page beyond the first <see cref="TokenQuery.CountLimit"/> matches); above
/// it, <see cref="Total"/> is that limit and <see cref="TotalIsLowerBound"/> is true ("more than 1,000").
/// </summary>
public sealed record TokenPage(IReadOnlyList<TokenView> Items, int Total, int Page, int PageSize)
{
    /// <summary>Whether more tokens match than <see cref="Total"/>.</summary>
    public bool TotalIsLowerBound { get; init; }

    /// <summary>The keyset cursor of the page after this one (<see cref="TokenQuery.After"/>); null on the last page or for the active-first sort.</summary>
    public string? Next { get; init; }
}
