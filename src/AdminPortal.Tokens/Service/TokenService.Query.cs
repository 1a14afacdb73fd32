using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    private const int MaxKeywords = 10;

    /// <summary>One token the caller may see.</summary>
    public async Task<Result<TokenView>> GetAsync(Guid actorId, Guid tokenId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await LoadActorAsync(db, actorId, ct);
        if (!actor.Succeeded)
        {
            return actor.Error;
        }

        var token = await db.Tokens.AsNoTracking().VisibleTo(actor.Value).Include(t => t.Owner).SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        return token is null ? TokenError.NotFound() : ToView(token, actorId, Now());
    }

    /// <summary>
    /// A filtered, sorted page of the tokens the caller may see, with the number of matching tokens counted up to
    /// <see cref="TokenQuery.CountLimit"/>; all of it runs in the database, reading one page of rows (and one more, to
    /// know whether there is a next page).
    /// </summary>
    public async Task<Result<TokenPage>> QueryAsync(Guid actorId, TokenQuery query, CancellationToken ct = default)
    {
        if (CheckQuery(query) is { } invalid)
        {
            return invalid;
        }

        var cursor = query.After is { } after ? TokenCursor.Decode(after) : null;
        if (query.After is not null && (cursor is null || cursor.Sort != query.Sort || cursor.Descending != query.Descending || query.Page != 1))
        {
            return TokenError.Invalid("After", cursor is null
                ? "The cursor is not one this listing returned."
                : query.Page != 1 ? "Give either a cursor or a page number, not both." : "The cursor belongs to another sort or direction.");
        }

        return await ReadAsync<TokenPage>(actorId, async (db, actor) =>
        {
            if (query.AllOfTenant && actor.Role != Role.FullAdmin)
            {
                return TokenError.Forbidden("Only full admins can list every token of the organisation.");
            }

            var now = Now();
            var tokens = Filter(db, db.Tokens.AsNoTracking().VisibleTo(actor), actor, query, now);
            var counted = await tokens.Take(TokenQuery.CountLimit + 1).CountAsync(ct);
            var seek = cursor is null ? tokens : cursor.Seek(tokens, nullsSortFirst: db.Database.IsSqlite());
            var rows = await seek.SortBy(query.Sort, query.Descending, now, nullsSortFirst: db.Database.IsSqlite())
                .Skip(cursor is null ? (query.Page - 1) * query.PageSize : 0).Take(query.PageSize + 1)
                .Include(t => t.Owner)
                .ToListAsync(ct);
            var page = rows.Take(query.PageSize).ToList();
            return new TokenPage([.. page.Select(t => ToView(t, actor.Id, now))], Math.Min(counted, TokenQuery.CountLimit), query.Page, query.PageSize)
            {
                TotalIsLowerBound = counted > TokenQuery.CountLimit,
                Next = rows.Count > query.PageSize && TokenCursor.Supports(query.Sort) ? TokenCursor.After(page[^1], query.Sort, query.Descending) : null,
            };
        }, ct);
    }

    private IQueryable<ApiToken> Filter(TokenDbContext db, IQueryable<ApiToken> tokens, PortalUser actor, TokenQuery query, DateTimeOffset now)
    {
        if (!query.AllOfTenant)
        {
            tokens = tokens.Where(t => t.OwnerId == actor.Id);
        }
        else if (query.OwnerId is { } owner)
        {
            tokens = tokens.Where(t => t.OwnerId == owner);
        }

        // Keywords of three characters or more through the name index where the engine has one; shorter ones by Contains.
        var keywords = Keywords(query.Name).ToList();
        var indexed = keywords.Where(k => SqliteTokenNameSearch.CanSearch(db, k)).ToList();
        if (indexed.Count > 0)
        {
            var matching = SqliteTokenNameSearch.Matching(db, indexed);
            tokens = tokens.Where(t => matching.Contains(t.Id));
        }

        foreach (var keyword in keywords.Except(indexed))
        {
            tokens = PostgresTokenNameSearch.CanSearch(db, keyword) ? PostgresTokenNameSearch.Containing(tokens, keyword) : tokens.Where(t => t.NameKey.Contains(keyword));
        }

        // A prefix is a range of the GUID text's index: [prefix, prefix with its last character incremented).
        if (Prefix(query.GuidPrefix) is { Length: > 0 } prefix)
        {
            var end = prefix[..^1] + (char)(prefix[^1] + 1);
            tokens = tokens.Where(t => t.GuidText.CompareTo(prefix) >= 0 && t.GuidText.CompareTo(end) < 0);
        }

        if (query.Scopes.Count > 0)
        {
            var scopes = query.Scopes.ToList();
            // Through the index of the tenant's scope rows (TenantId, Scope, TokenId) rather than a probe per token.
            var scoped = db.Set<TokenScope>().Where(s => s.TenantId == actor.TenantId && scopes.Contains(s.Scope)).Select(s => s.TokenId);
            tokens = tokens.Where(t => scoped.Contains(t.Id));
        }

        tokens = tokens.WhereAny(query.Validity.Distinct().Select(v => TokenFilters.HasValidity(v, now)));
        return tokens.WhereAny(query.Usage.Distinct().Select(u => TokenFilters.HasUsage(u, now, _options.UsageActiveWindow)));
    }

    private static TokenError? CheckQuery(TokenQuery query)
    {
        if (CheckPage(query.Page, query.PageSize, TokenQuery.MaxPageSize) is { } page)
        {
            return page;
        }

        if (query.Name is { Length: > TokenRules.NameMaxLength * 2 } || Keywords(query.Name).Count() > MaxKeywords)
        {
            return TokenError.Invalid("Name", $"Search by at most {MaxKeywords} keywords.");
        }

        var guid = Prefix(query.GuidPrefix);
        if (guid is { Length: > 36 } || (guid is not null && !guid.All(c => char.IsAsciiHexDigit(c) || c == '-')))
        {
            return TokenError.Invalid("GuidPrefix", "Search a GUID by its hexadecimal digits and dashes, whole or its beginning.");
        }

        return null;
    }

    private static IEnumerable<string> Keywords(string? name) =>
        (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ApiToken.NormalizeName).Distinct(StringComparer.Ordinal);

    private static string? Prefix(string? guid) => guid?.Trim().Trim('{', '}').ToLowerInvariant();
}
