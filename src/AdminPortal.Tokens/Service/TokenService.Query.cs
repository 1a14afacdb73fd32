using AdminPortal.Tokens.Model;
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

    /// <summary>A filtered, sorted page of the tokens the caller may see, with the total count; all of it runs in the database.</summary>
    public async Task<Result<TokenPage>> QueryAsync(Guid actorId, TokenQuery query, CancellationToken ct = default)
    {
        if (CheckQuery(query) is { } invalid)
        {
            return invalid;
        }

        return await ReadAsync<TokenPage>(actorId, async (db, actor) =>
        {
            if (query.AllOfTenant && actor.Role != Role.FullAdmin)
            {
                return TokenError.Forbidden("Only full admins can list every token of the organisation.");
            }

            var now = Now();
            var tokens = Filter(db.Tokens.AsNoTracking().VisibleTo(actor), actor, query, now);
            var total = await tokens.CountAsync(ct);
            var page = await tokens.SortBy(query.Sort, query.Descending, now)
                .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
                .Include(t => t.Owner)
                .ToListAsync(ct);
            return new TokenPage([.. page.Select(t => ToView(t, actor.Id, now))], total, query.Page, query.PageSize);
        }, ct);
    }

    private IQueryable<ApiToken> Filter(IQueryable<ApiToken> tokens, PortalUser actor, TokenQuery query, DateTimeOffset now)
    {
        if (!query.AllOfTenant)
        {
            tokens = tokens.Where(t => t.OwnerId == actor.Id);
        }
        else if (query.OwnerId is { } owner)
        {
            tokens = tokens.Where(t => t.OwnerId == owner);
        }

        foreach (var keyword in Keywords(query.Name))
        {
            tokens = tokens.Where(t => t.NameKey.Contains(keyword));
        }

        if (Prefix(query.GuidPrefix) is { Length: > 0 } prefix)
        {
            tokens = tokens.Where(t => t.GuidText.StartsWith(prefix));
        }

        if (query.Scopes.Count > 0)
        {
            var scopes = query.Scopes.ToList();
            tokens = tokens.Where(t => t.Scopes.Any(s => scopes.Contains(s)));
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
