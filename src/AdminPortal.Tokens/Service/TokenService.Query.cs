using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Persistence.Search;
using AdminPortal.Tokens.Telemetry;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    private const int MaxKeywords = 10;

    /// <summary>One token the caller may see.</summary>
    public Task<Result<TokenView>> GetAsync(Guid actorId, Guid tokenId, CancellationToken ct = default) =>
        PortalTelemetry.TraceAsync(SpanName(nameof(GetAsync)), actorId, tokenId, () => GetCoreAsync(actorId, tokenId, ct));

    private async Task<Result<TokenView>> GetCoreAsync(Guid actorId, Guid tokenId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await LoadActorAsync(db, actorId, ct);
        if (!actor.Succeeded)
        {
            return actor.Error;
        }

        var token = await db.Tokens.AsNoTracking().VisibleTo(actor.Value).Include(t => t.Owner).SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null)
        {
            return TokenError.NotFound();
        }

        var now = Now();
        return ToView(token, actorId, now, await GraceUntilAsync(db, [token.Id], now, ct));
    }

    /// <summary>
    /// A filtered, sorted page of the tokens the caller may see, with the number of matching tokens counted up to
    /// <see cref="TokenQuery.CountLimitFor"/>; all of it runs in the database, reading one page of rows (and one more, to
    /// know whether there is a next page).
    /// </summary>
    public Task<Result<TokenPage>> QueryAsync(Guid actorId, TokenQuery query, CancellationToken ct = default) =>
        PortalTelemetry.TraceAsync(SpanName(nameof(QueryAsync)), actorId, null, () => QueryCoreAsync(actorId, query, ct));

    private async Task<Result<TokenPage>> QueryCoreAsync(Guid actorId, TokenQuery query, CancellationToken ct)
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
            var expiringBy = query.ExpiringSoon ? await ExpiringByAsync(db, actor, now, ct) : (DateTimeOffset?)null;
            var values = new StatusValues(now, _options.UsageActiveWindow);
            var offset = cursor is null ? (query.Page - 1) * query.PageSize : 0;
            var limit = TokenQuery.CountLimitFor((long)offset + query.PageSize);
            var keywordPath = await KeywordPathAsync(db, actor, query, values, expiringBy, limit, ct);
            var (tokens, lead, readsRows) = Filter(db, actor, query, values, expiringBy, dense: false, keywordPath);
            var sortsIds = readsRows && cursor is null && query.Sort != TokenSort.IsActive;
            int counted;
            List<Guid>? matches = null;
            await using (await PostgresPlans.BeginAsync(db, lead, ct))
            {
                if (keywordPath == KeywordPath.ManyOnScopeRows)
                {
                    // More than the count's limit already found among the scope's first entries: the count is a lower bound.
                    counted = limit + 1;
                }
                else if (limit == TokenQuery.CountLimit)
                {
                    // The count reads the matches' ids, so that when they are few (all of them counted) the page reads those
                    // tokens by key instead of finding them a second time: a keyword and a scope matching 650 of a million
                    // tokens took two reads of the keyword's 65,000 candidates. Costs a key lookup per row counted where
                    // the count alone would have read only an index (a millisecond for 1,001). Where the count reads each
                    // match's row anyway, the ids come in the sort's order (sortsIds), and a page by number reads only its
                    // own tokens: reading all of them again by key to sort them was a fifth of "deploy prod" with a scope on
                    // PostgreSQL (964 tokens: 4 ms to read, as long to send their ids). Not where the count reads only an
                    // index's entries: the sort's columns would send it to every row ("ci" counted to 1,001 on the
                    // statuses' index: 9 -> 640 ms on PostgreSQL).
                    // The sorted ids are limited again: SQLite otherwise flattened the limited subquery into the sort (an
                    // unordered LIMIT may keep any rows) and sorted every match before taking 1,001 ("terraform", 65,000
                    // names: 4 -> 200 ms); a LIMIT on both keeps the subquery whole.
                    var counting = tokens.Take(limit + 1);
                    matches = await (sortsIds ? counting.SortBy(query.Sort, query.Descending, nullsSortFirst: db.Database.IsSqlite()).Take(limit + 1) : counting)
                        .Select(t => t.Id).ToListAsync(ct);
                    counted = matches.Count;
                }
                else
                {
                    counted = await tokens.Take(limit + 1).CountAsync(ct);
                }
            }

            var dense = IsDense(counted, limit, offset, query.PageSize);
            if (dense)
            {
                // Many rows match: the page is found soonest by reading the sort's index in order and testing each row,
                // rather than through the filter's index and then sorting every match.
                tokens = Filter(db, actor, query, values, expiringBy, dense: true, keywordPath).Tokens;
            }
            else if (matches is not null && counted <= limit)
            {
                // One parameter holding the list (SQLite: json_each; PostgreSQL: an array), not one per id: a statement of 700
                // parameters was parsed and planned anew for each count (7 ms on SQLite), where this one is cached.
                if (sortsIds)
                {
                    // Ids in the sort's order: only the page's (and one more), the page then read from its start.
                    matches = [.. matches.Skip(offset).Take(query.PageSize + 1)];
                    offset = 0;
                }

                tokens = db.Tokens.AsNoTracking().Where(t => EF.Parameter(matches).Contains(t.Id));
                lead = PostgresPlan.Default;
            }

            await using var plan = await PostgresPlans.BeginAsync(db, dense ? PostgresPlan.OrderFromIndex : lead, ct);

            var rows = query.Sort == TokenSort.IsActive ? await ActiveFirstAsync(tokens, query, now, dense, ct) : [];
            var sqlite = db.Database.IsSqlite();
            foreach (var segment in query.Sort == TokenSort.IsActive ? [] : cursor is null ? [tokens] : cursor.Seek(tokens, nullsSortFirst: sqlite))
            {
                // One page and one row more, from the segments in turn (a cursor's page reads a second only when the first ends).
                rows.AddRange(await segment.SortBy(query.Sort, query.Descending, nullsSortFirst: sqlite)
                    .Skip(offset).Take(query.PageSize + 1 - rows.Count)
                    .Include(t => t.Owner)
                    .ToListAsync(ct));
                if (rows.Count > query.PageSize)
                {
                    break;
                }
            }

            var page = rows.Take(query.PageSize).ToList();
            var graces = await GraceUntilAsync(db, [.. page.Select(t => t.Id)], now, ct);
            return new TokenPage([.. page.Select(t => ToView(t, actor.Id, now, graces))], Math.Min(counted, limit), query.Page, query.PageSize)
            {
                TotalIsLowerBound = counted > limit,
                Next = rows.Count > query.PageSize && TokenCursor.Supports(query.Sort) ? TokenCursor.After(page[^1], query.Sort, query.Descending) : null,
            };
        }, ct);
    }

    /// <summary>
    /// The page of the "active first" sort (valid tokens before the others, descending; after them, ascending; each group
    /// by name, then GUID in the sort's direction), one page and one row more. Its key depends on the time of the call, so
    /// no index holds it: instead of sorting every match by it, each group is read in the name index's order, the second
    /// only when the first ends within the page. A page beyond the first group skips into the second by the first's
    /// size, counted only up to the page's offset.
    /// </summary>
    private static async Task<List<ApiToken>> ActiveFirstAsync(IQueryable<ApiToken> tokens, TokenQuery query, DateTimeOffset now, bool dense, CancellationToken ct)
    {
        var valid = TokenFilters.HasValidity(TokenValidity.Valid, now);
        var others = Expression.Lambda<Func<ApiToken, bool>>(Expression.Not(valid.Body), valid.Parameters);
        var (first, second) = query.Descending ? (valid, others) : (others, valid);
        IQueryable<ApiToken> Group(Expression<Func<ApiToken, bool>> predicate)
        {
            var group = tokens.Where(Unindexed(predicate, dense)).OrderBy(t => t.NameKey);
            return query.Descending ? group.ThenByDescending(t => t.GuidText) : group.ThenBy(t => t.GuidText);
        }

        var offset = (query.Page - 1) * query.PageSize;
        var wanted = query.PageSize + 1;
        var rows = await Group(first).Skip(offset).Take(wanted).Include(t => t.Owner).ToListAsync(ct);
        if (rows.Count < wanted)
        {
            var intoSecond = rows.Count > 0 ? 0 : offset - await Group(first).Take(offset).CountAsync(ct);
            rows.AddRange(await Group(second).Skip(intoSecond).Take(wanted - rows.Count).Include(t => t.Owner).ToListAsync(ct));
        }

        return rows;
    }

    /// <summary>
    /// Whether a page is read in the sort's order, testing each row (<see cref="Filter"/>'s <c>dense</c>), rather than
    /// through the filter's own index and a sort of every match. Reading in the sort's order costs about (offset + page
    /// size) / (share of the tenant's tokens that match) rows; through the filter's index it costs every match.
    /// Above the count's <paramref name="limit"/> the number of matches is unknown and may be most of the tenant: always in
    /// the sort's order.
    /// With an exact count above <see cref="DenseFrom"/>, in the sort's order only for pages within the first
    /// 1/<see cref="DenseDepth"/> of the matches: deeper pages of a sparse filter would read most of the tenant to reach
    /// them, where sorting at most 10,000 matches is cheap. Below it the filter's index always leads.
    /// </summary>
    private bool IsDense(int counted, int limit, int offset, int pageSize) =>
        counted > limit || (counted > DenseFrom && (DenseDepth == 0 || (long)(offset + pageSize) * DenseDepth <= counted));

    /// <summary>Matches above which a listing may be read in the sort's order (<see cref="IsDense"/>). Settable for the
    /// tests, which run both ways on a few tokens.</summary>
    internal int DenseFrom { get; set; } = 1_000;

    /// <summary>How deep into the matches the sort's order is still used (<see cref="IsDense"/>); 0: at any depth.</summary>
    internal int DenseDepth { get; set; } = 10;

    /// <summary>
    /// The filters of <paramref name="query"/>. <paramref name="dense"/>: the same conditions, none through its own index
    /// (keywords by Contains rather than the name index, scopes by a probe of each token's scope rows, the other columns
    /// through <see cref="SqliteIndexHint"/>), so that SQLite reads the sort's index in order and stops after one page.
    /// Also what leads the listing, for PostgreSQL's plan (<see cref="PostgresPlan"/>): a keyword through the trigram
    /// index, or a single scope's rows (<see cref="ScopeLeads"/>). With <see cref="KeywordPath.ScopeRows"/>, keywords are tested on each
    /// token's name rather than through the name index (<see cref="KeywordPathAsync"/>). And whether the count reads
    /// each candidate token's row anyway, so that its ids can come sorted at no further reading.
    /// </summary>
    private static (IQueryable<ApiToken> Tokens, PostgresPlan Lead, bool ReadsRows) Filter(
        TokenDbContext db, PortalUser actor, TokenQuery query, StatusValues values, DateTimeOffset? expiringBy, bool dense, KeywordPath keywordPath)
    {
        var keywordsOnRows = keywordPath == KeywordPath.ScopeRows;
        var keywords = Keywords(query.Name).ToList();
        // SQLite: a narrow filter's own index leads and each of its tokens is tested by Contains (a keyword with the
        // scheduled status: the 20,000 scheduled tokens tested, 20 ms, rather than the 65,000 names with the keyword, 115 ms).
        var narrow = HasNarrowLead(query, expiringBy is not null);
        var indexed = dense || narrow || keywordsOnRows ? [] : keywords.Where(k => SqliteTokenNameSearch.CanSearch(db, k)).ToList();
        // Keywords of one or two characters only: through the index of the names' characters and pairs where KeywordPathAsync
        // chose it.
        var gramsLead = !dense && keywordPath == KeywordPath.ShortKeywordIndex;
        var keywordLeads = !dense && !keywordsOnRows && keywords.Any(k => PostgresTokenNameSearch.CanSearch(db, k));
        var scopeLeads = !dense && ScopeLeads(query, indexed.Count > 0 || keywordLeads || gramsLead, expiringBy is not null);
        var keywordHides = (keywordLeads || gramsLead) && IsBroad(query, narrow);
        var tokens = db.Tokens.AsNoTracking().VisibleTo(actor, unindexed: scopeLeads, unindexedOnPostgres: keywordHides);
        var scopeJoinedByName = false;
        if (!query.AllOfTenant)
        {
            tokens = tokens.Where(t => t.OwnerId == actor.Id);
        }
        else if (query.OwnerId is { } owner)
        {
            tokens = tokens.Where(t => t.OwnerId == owner);
        }

        // Keywords of three characters or more through the name index where the engine has one; shorter ones through the index
        // of characters and pairs when they are the only keywords (gramsLead), else by Contains.
        if (indexed.Count > 0)
        {
            // A join rather than "Id IN (...)": SQLite builds the whole list of an IN subquery before the first row (65,000
            // ids for a common word in a million tokens: 300 ms of CPU), where a join reads the search's matches one at a
            // time and a bounded count stops after its limit (30 ms).
            tokens = tokens.Join(SqliteTokenNameSearch.Matching(db, indexed, query.Scopes), t => SqliteTokenNameSearch.RowIdOf(t.Id), row => row, (t, _) => t);
        }
        else if (gramsLead)
        {
            tokens = db.Database.IsSqlite()
                ? tokens.Join(SqliteTokenNameSearch.MatchingShort(db, keywords), t => SqliteTokenNameSearch.RowIdOf(t.Id), row => row, (t, _) => t)
                : PostgresTokenNameSearch.HoldingShort(tokens, keywords);
        }

        // Every keyword is tested on the token's own name, the indexed ones again (SqliteTokenNameSearch.Matching): a search
        // row can then bring in only a token whose name holds them, which costs nothing on a row that is read anyway.
        foreach (var keyword in keywords)
        {
            tokens = db.Database.IsNpgsql() ? PostgresTokenNameSearch.Containing(tokens, keyword) : tokens.Where(t => t.NameKey.Contains(keyword));
        }

        // A prefix is a range of the GUID text's index: [prefix, prefix with its last character incremented).
        if (Prefix(query.GuidPrefix) is { Length: > 0 } prefix)
        {
            var end = prefix[..^1] + (char)(prefix[^1] + 1);
            tokens = tokens.Where(Unindexed(t => t.GuidText.CompareTo(prefix) >= 0 && t.GuidText.CompareTo(end) < 0, dense));
        }

        if (query.Scopes.Count > 0)
        {
            var scopes = query.Scopes.ToList();
            var keywordsUnindexed = indexed.Count == 0 && !keywordLeads && !gramsLead;
            if (scopeLeads)
            {
                // The scope's index entries, each tested for the statuses on the copies it holds (TokenScope), as a join: only
                // the tokens that match are read, and tested again on their own columns below (the same rules, so that even
                // a copy out of step could hide a token but never show one in a status it is not in). The keywords on the
                // entries' copy of the name too where no name index serves them (one or two characters that many names hold):
                // "ci" with scope audit:read, usable, read the token of each of the scope's 33,000 entries until 1,001 matched.
                tokens = tokens.Join(Named(ScopeRows(db, actor, query, values), keywordsOnRows || keywordsUnindexed ? keywords : []), t => t.Id, s => s.TokenId, (t, _) => t);
            }
            else if (keywordLeads || indexed.Count > 0 || gramsLead || (db.Database.IsNpgsql() && !dense && (narrow || scopes.Count > 1)))
            {
                // The scopes tested on each candidate's own row, which is read anyway, rather than by a probe of its scope rows.
                // Also with a short keyword that few names hold (KeywordPath.ShortKeywordIndex): its few candidates are read anyway,
                // where the scope's rows tested the keyword on every entry of the scope ("qz" with a scope held by a quarter of
                // a million tokens: 150 ms on SQLite, 200 ms on PostgreSQL).
                // SQLite with its name index leading: the index has already narrowed the candidates by the scopes' markers,
                // and the row's JSON array decides exactly, where the probe read a page outside the memory map for each
                // candidate ("deploy prod", 13,000 names, with a scope held by a third of the tokens: 58 ms for the count
                // with the probes, 31 ms from the rows, in the sqlite3 shell, before the markers).
                // PostgreSQL with a keyword through the trigram index: each candidate's row is read anyway (the index is lossy,
                // the LIKE is checked again on the row), and the row's own scopes answer there ("Scopes" && @scopes) where a
                // probe of the scope index per candidate took three quarters of the time ("deploy" with a scope counted to
                // 1,001: 20 ms with a probe of each of its 4,000 candidates, 5 ms from the rows). The same where the tokens'
                // rows are read for the other conditions: a narrow filter's (the scheduled tokens, one owner's, ...), and
                // several scopes (two scopes + expired, counted to 1,001: 79 ms with a probe of each expired token's scope
                // rows, 4 ms from the rows). A page read in the sort's order keeps the probe: with the rows' scopes the
                // planner left the sort's index for a scope of 15% (20 -> 37 ms).
                tokens = tokens.Where(t => t.Scopes.Any(s => scopes.Contains(s)));
            }
            else if (dense || scopes.Count > 1)
            {
                // A probe of each token's scope rows (key TokenId, Scope) as the sort's or the filter's index hands the tokens
                // over. Also for several scopes: together they are held by a large part of the tenant, and the list of their
                // holders that an IN subquery builds first was 400,000 ids for two scopes (250 ms on SQLite).
                tokens = tokens.Where(t => t.ScopeRows.Any(s => scopes.Contains(s.Scope)));
            }
            else
            {
                // Through the index of the tenant's scope rows (led by TenantId, Scope) rather than a probe per token, as a
                // join (a token has a scope once): SQLite builds an IN subquery's whole list first, a join reads its rows one at
                // a time, so a bounded count stops early (6 ms of CPU instead of 60 for a scope of a tenth of a million tokens).
                // Keywords that no name index serves tested on the rows' copy of the name as well (above); on PostgreSQL then
                // with nested loops, each matching row's token read by its key: the planner otherwise gathered the scope's
                // rows with parallel workers ("ci" with scope audit:read, any status, counted to 1,001: 245 ms cold, 68 warm,
                // against 19 ms).
                scopeJoinedByName = keywordsUnindexed && keywords.Count > 0;
                var scope = scopes[0];
                tokens = tokens.Join(Named(db.Set<TokenScope>().Where(s => s.TenantId == actor.TenantId && s.Scope == scope), keywordsUnindexed ? keywords : []),
                    t => t.Id, s => s.TokenId, (t, _) => t);
            }
        }

        if (expiringBy is { } by)
        {
            // Read in the sort's order, the same rule by the valid-to date (for a token not revoked, its end is its valid-to or
            // never), which the default order's index carries: tested on the index entry, where the end date is only in the row
            // (expiring soon among a million tokens read newest first: 230 ms by the row's end date).
            tokens = tokens.Where(dense ? SqliteIndexHint.Unindex(TokenFilters.IsExpiringSoonByValidTo(values.Now, by), nameof(ApiToken.RevokedAt), nameof(ApiToken.ValidTo))
                : TokenFilters.IsExpiringSoon(values.Now, by));
        }

        foreach (var range in new[]
        {
            TokenFilters.Within(t => t.CreatedAt, query.Created),
            TokenFilters.Within(t => t.ValidTo, query.Expires),
            TokenFilters.Within(t => t.LastUsedAt, query.LastUsed),
        })
        {
            if (range is not null)
            {
                tokens = tokens.Where(Unindexed(range, dense));
            }
        }

        tokens = tokens.WhereAny(query.Validity.Distinct().Select(v => Unindexed(TokenFilters.HasValidity(v, values), dense || scopeLeads, keywordHides)));
        var keywordPlan = keywordPath == KeywordPath.RareInScope ? PostgresPlan.KeywordAndScopeBitmap
            : keywordHides ? PostgresPlan.KeywordOnlyIndexScan : PostgresPlan.KeywordIndexScan;
        var usableByShortKeyword = !dense && !keywordLeads && !gramsLead && keywords.Count > 0 && IsUsableOnly(query, narrow);
        var lead = keywordLeads ? keywordPlan : gramsLead ? PostgresPlan.NameGramsBitmap : scopeLeads || scopeJoinedByName ? PostgresPlan.NestedLoops
            : usableByShortKeyword ? PostgresPlan.StatusIndexOnly : PostgresPlan.Default;
        // Whether the count reads each candidate's own row, whatever else it reads. SQLite: always, as no index of the tokens
        // holds the id beside a column that a listing filters on. PostgreSQL: after a trigram or characters-and-pairs index
        // read as a bitmap or without index-only scans, its matches tested again on the row; elsewhere its count may read
        // only an index's entries (the statuses' indexes carry the id).
        var readsRows = db.Database.IsSqlite()
            || lead is PostgresPlan.KeywordAndScopeBitmap or PostgresPlan.KeywordOnlyIndexScan or PostgresPlan.NameGramsBitmap;
        return (tokens.WhereAny(query.Usage.Distinct().Select(u => Unindexed(TokenFilters.HasUsage(u, values), dense || scopeLeads, keywordHides))),
            lead, readsRows);
    }

    /// <summary>The tenant's rows of the listing's single scope that match its statuses, on the copies they hold.</summary>
    private static IQueryable<TokenScope> ScopeRows(TokenDbContext db, PortalUser actor, TokenQuery query, StatusValues values)
    {
        var scope = query.Scopes.Single();
        return db.Set<TokenScope>().Where(s => s.TenantId == actor.TenantId && s.Scope == scope)
            .WhereAny(query.Validity.Distinct().Select(v => TokenFilters.OnScopeRows(TokenFilters.HasValidity(v, values))))
            .WhereAny(query.Usage.Distinct().Select(u => TokenFilters.OnScopeRows(TokenFilters.HasUsage(u, values))));
    }

    /// <summary>The scope <paramref name="rows"/> whose copy of the name contains every one of <paramref name="keywords"/>.</summary>
    private static IQueryable<TokenScope> Named(IQueryable<TokenScope> rows, IEnumerable<string> keywords)
    {
        foreach (var keyword in keywords)
        {
            rows = rows.Where(s => s.NameKey.Contains(keyword));
        }

        return rows;
    }

    /// <summary>How a listing with a keyword and a single scope finds its keyword (<see cref="KeywordPathAsync"/>).</summary>
    private enum KeywordPath
    {
        /// <summary>The name index leads (or the listing has no such keyword and scope).</summary>
        NameIndex,

        /// <summary>The scope's rows lead, the keywords tested on each index entry's copy of the name (with statuses only).</summary>
        ScopeRows,

        /// <summary>More tokens than the count's limit match among the scope's first index entries: no count is needed.</summary>
        ManyOnScopeRows,

        /// <summary>
        /// The keywords are rare among the scope's index entries: the name index leads; on PostgreSQL together with the
        /// scope, in the index that holds both (<see cref="PostgresPlan.KeywordAndScopeBitmap"/>).
        /// </summary>
        RareInScope,

        /// <summary>
        /// Keywords of one or two characters, through the index of the names' characters and pairs: on SQLite always without a
        /// scope; with one (SQLite) or always (PostgreSQL) where few names hold them (PostgreSQL: in a sample of the tenant's
        /// names; SQLite: in the index's lookup). It leads then also before a scope's rows, the scope tested on each token's
        /// own row (PostgreSQL: <see cref="PostgresPlan.NameGramsBitmap"/>).
        /// </summary>
        ShortKeywordIndex,
    }

    /// <summary>
    /// How a listing with a keyword that the name index would lead and a single scope, with or without statuses, finds
    /// its matches.
    /// <para>When at most <see cref="ScopeFirstLimit"/> scope rows match the statuses (a count of the scope's index entries
    /// tells in a few milliseconds), the scope's rows lead (<see cref="ScopeLeads"/>), the keywords tested on each index
    /// entry's copy of the name. A common word with a rarer scope and status ("deploy", in 65,000 names of a million, with
    /// a scope of 5%, revoked: 650 tokens) read every token the word's index named to count them (170 ms); the scope's
    /// 50,000 index entries are read instead, and the 650 tokens.</para>
    /// <para>Where the scope (and statuses) match more, or the listing has no statuses, the keywords are tested on the
    /// first <see cref="ScopeProbeRows"/> of those entries (index-only), if a sample of them promises enough: when more
    /// than the count's <paramref name="limit"/> match there, the count is a lower bound and the page is read in the
    /// sort's order. A common word with a common scope ("deploy", a scope of a quarter of the tokens, valid) otherwise
    /// tested 8,000 of the word's tokens for the scope and statuses to count 1,001 (60 ms on SQLite); the probe finds
    /// them among 15,000 index entries (9 ms). Otherwise the name index leads (<see cref="KeywordPath.RareInScope"/>), the
    /// probe having cost at most an index-only read of its rows.</para>
    /// </summary>
    private async Task<KeywordPath> KeywordPathAsync(
        TokenDbContext db, PortalUser actor, TokenQuery query, StatusValues values, DateTimeOffset? expiringBy, int limit, CancellationToken ct)
    {
        var keywords = Keywords(query.Name).ToList();
        if (ShortKeywordsCanLead(db, query, keywords, expiringBy is not null))
        {
            if (db.Database.IsSqlite())
            {
                // SQLite: without a scope its table of characters and pairs always leads (its doclist streams, a common pair
                // too); with one, where it names few tokens (its lookup stops after ShortSampleRows), else the scope's rows,
                // which hold a copy of the name.
                return query.Scopes.Count == 0
                    || await SqliteTokenNameSearch.MatchingShort(db, keywords).Take(ShortSampleRows).CountAsync(ct) < ShortSampleRows
                    ? KeywordPath.ShortKeywordIndex : KeywordPath.NameIndex;
            }

            // PostgreSQL: a sample of the tenant's names says whether few names hold them.
            var sample = db.Tokens.AsNoTracking().Where(t => t.TenantId == actor.TenantId).Take(ShortSampleRows);
            foreach (var keyword in keywords)
            {
                sample = PostgresTokenNameSearch.Containing(sample, keyword);
            }

            return await sample.CountAsync(ct) * ShortCommonShare < ShortSampleRows ? KeywordPath.ShortKeywordIndex : KeywordPath.NameIndex;
        }

        if (!keywords.Any(k => SqliteTokenNameSearch.CanSearch(db, k) || PostgresTokenNameSearch.CanSearch(db, k))
            || !ScopeCanLead(query, expiringBy is not null))
        {
            return KeywordPath.NameIndex;
        }

        // Without statuses the scope's rows never lead (ScopeLeads), but the probe below still answers "more than the limit".
        var rows = ScopeRows(db, actor, query, values);
        if (ScopeLeads(query, keywordIndexed: false, expiringBy is not null) && await rows.Take(ScopeFirstLimit + 1).CountAsync(ct) <= ScopeFirstLimit)
        {
            return KeywordPath.ScopeRows;
        }

        // The probe reads on only where a sample of the first entries holds the keywords densely enough to pass the limit
        // within ScopeProbeRows: a rarer word would read all of them to no avail (30 ms) before the name index leads.
        var sampled = await Named(rows.Take(ScopeSampleRows), keywords).CountAsync(ct);
        if ((long)sampled * ScopeProbeRows <= (long)limit * ScopeSampleRows)
        {
            return KeywordPath.RareInScope;
        }

        return await Named(rows.Take(ScopeProbeRows), keywords).Take(limit + 1).CountAsync(ct) > limit ? KeywordPath.ManyOnScopeRows : KeywordPath.RareInScope;
    }

    /// <summary>
    /// Whether a listing's keywords, all of one or two characters, may be looked up in the index of the names' characters
    /// and pairs: nothing narrow and no date range (whose own index then leads).
    /// </summary>
    private static bool ShortKeywordsCanLead(TokenDbContext db, TokenQuery query, List<string> keywords, bool expiringSoon) =>
        keywords.Count > 0 && keywords.All(k => SqliteTokenNameSearch.CanSearchShort(db, k) || PostgresTokenNameSearch.CanSearchShort(db, k))
        && !HasNarrowLead(query, expiringSoon) && !HasDateRange(query);

    /// <summary>
    /// The tenant's names sampled for short keywords (<see cref="KeywordPathAsync"/>). Under one in
    /// <see cref="ShortCommonShare"/> holding them, the index of characters and pairs leads: its bitmap of a pair held by
    /// one name in 40 (25,000 of a million) is about as long to build as reading the statuses' index to 1,001 matches;
    /// rarer pairs are found sooner through the bitmap, commoner ones through the statuses' index ("ci", in one name in 15:
    /// its 65,000 names' bitmap took 22 ms before the first row, the statuses' index 2.6 ms to count 1,001).
    /// </summary>
    private const int ShortSampleRows = 2_000;

    /// <inheritdoc cref="ShortSampleRows"/>
    /// <remarks>Settable for the tests (0: the index of characters and pairs always leads), which have a few tokens.</remarks>
    internal int ShortCommonShare { get; set; } = 40;

    /// <summary>Scope rows matching the statuses up to which the scope leads a keyword listing (<see cref="KeywordPathAsync"/>).
    /// Settable for the tests, which run both ways on a few tokens.</summary>
    internal int ScopeFirstLimit { get; set; } = 12_000;

    /// <summary>The scope's index entries in which a keyword is looked for before the name index leads (<see cref="KeywordPathAsync"/>):
    /// at about 0.7 µs each on SQLite, at most 30 ms.</summary>
    private const int ScopeProbeRows = 40_000;

    /// <summary>The first of those entries, whose share holding the keywords decides whether the probe reads on.</summary>
    private const int ScopeSampleRows = 2_000;

    /// <summary>
    /// Whether the tenant's rows of a single scope lead a listing that also filters by status or usage: the scope's index
    /// entries are tested for the statuses on the copies they hold (<see cref="TokenScope"/>), and only the matches' tokens
    /// are read (the statuses' and the tenant's columns then hidden from SQLite's index choice). SQLite's statistics hold
    /// one average per index, so it weighed "these tokens have the scope" against "these are expired" by averages alone and
    /// read the expired ones (half of a million tokens), probing each for the scope: counting 1,001 tokens of a scope held
    /// by 5% that are expired and never used took 0.5 s that way and 20 ms from the scope's rows. Where two filters meet
    /// sparsely (a scope of 5% and the 2% scheduled tokens: 1,000 matches) the index entries answer without reading the
    /// 50,000 tokens of the scope or the 20,000 scheduled ones. One owner's tokens, expiring soon, a GUID prefix, a date
    /// range and an indexed keyword keep their own index, which is then the narrower.
    /// </summary>
    private static bool ScopeLeads(TokenQuery query, bool keywordIndexed, bool expiringSoon) =>
        !keywordIndexed && (query.Validity.Count > 0 || query.Usage.Count > 0) && ScopeCanLead(query, expiringSoon);

    /// <summary>A single scope, and no filter of a few tokens with an index of its own (owner, GUID prefix, expiring soon, a date range).</summary>
    private static bool ScopeCanLead(TokenQuery query, bool expiringSoon) =>
        query.Scopes.Count == 1 && !HasNarrowColumn(query, expiringSoon) && !HasDateRange(query);

    /// <summary>
    /// Whether nothing but a keyword or a scope narrows the tenant's tokens much: no owner, GUID prefix, date range or
    /// expiring soon, and not only the rare validities (scheduled, suspended), each of which has an index that is then the
    /// narrower lead. A PostgreSQL keyword with only broad filters leads through the trigram index, the tenant's and the
    /// statuses' columns hidden from the planner (<see cref="PostgresIndexHint"/>): it takes "contains deploy" to match a
    /// ninth of the tenant and read the tenant's or the statuses' index instead, testing each name (a count to 1,001 of
    /// "terraform", revoked and unused: 72 ms that way, 7 ms from the name index).
    /// </summary>
    /// <param name="query">The listing.</param>
    /// <param name="narrow">Its <see cref="HasNarrowLead"/>.</param>
    private static bool IsBroad(TokenQuery query, bool narrow) => !narrow && !HasDateRange(query);

    /// <summary>
    /// Whether the listing's only filters besides keywords are the usable statuses (valid, with or without scheduled), the
    /// whole tenant's: all of them tested on the entries of the statuses' index (<see cref="PostgresPlan.StatusIndexOnly"/>).
    /// </summary>
    private static bool IsUsableOnly(TokenQuery query, bool narrow) =>
        IsBroad(query, narrow) && query.Scopes.Count == 0 && query.Usage.Count == 0
        && query.Validity.Contains(TokenValidity.Valid) && query.Validity.All(v => v is TokenValidity.Valid or TokenValidity.Scheduled);

    private static bool HasDateRange(TokenQuery query) => query.Created.IsSet || query.Expires.IsSet || query.LastUsed.IsSet;

    /// <summary>
    /// Whether a filter with an index of its own selects a small part of the tenant whatever its value: one owner's tokens,
    /// expiring soon, a GUID prefix, or only the rare validities. (A date range may be any width: it does not count.)
    /// </summary>
    private static bool HasNarrowLead(TokenQuery query, bool expiringSoon) =>
        HasNarrowColumn(query, expiringSoon) || (query.Validity.Count > 0 && query.Validity.All(IsRare));

    /// <summary>One owner's tokens, expiring soon, or a GUID prefix: a few tokens of the tenant, each with an index.</summary>
    private static bool HasNarrowColumn(TokenQuery query, bool expiringSoon) =>
        !query.AllOfTenant || query.OwnerId is not null || expiringSoon || Prefix(query.GuidPrefix) is { Length: > 0 };

    private static bool IsRare(TokenValidity validity) => validity is TokenValidity.Scheduled or TokenValidity.Suspended;

    /// <summary>
    /// The columns that have an index of their own beside the sorts' (or lead one): hidden from SQLite's index choice when
    /// <paramref name="sqlite"/> (dense, or another table leads), from PostgreSQL's when <paramref name="postgres"/> (the
    /// name index leads).
    /// </summary>
    private static Expression<Func<ApiToken, bool>> Unindexed(Expression<Func<ApiToken, bool>> predicate, bool sqlite, bool postgres = false)
    {
        string[] columns = [nameof(ApiToken.GuidText), nameof(ApiToken.RevokedAt), nameof(ApiToken.ValidTo), nameof(ApiToken.OwnerIsActive),
            nameof(ApiToken.StartsAt), nameof(ApiToken.EndsAt), nameof(ApiToken.LastUsedAt)];
        predicate = sqlite ? SqliteIndexHint.Unindex(predicate, columns) : predicate;
        return postgres ? PostgresIndexHint.Unindex(predicate, columns) : predicate;
    }

    private static TokenError? CheckQuery(TokenQuery query)
    {
        if (CheckPage(query.Page, query.PageSize, TokenQuery.MaxPageSize) is { } page)
        {
            return page;
        }

        if ((long)query.Page * query.PageSize > TokenQuery.DeepCountLimit)
        {
            return TokenError.Invalid("Page", $"Page numbers reach the first {TokenQuery.DeepCountLimit:N0} matching tokens. To read further, follow the cursor of each page (next), or narrow the filters.");
        }

        if (query.Name is { Length: > TokenRules.NameMaxLength * 2 } || Keywords(query.Name).Count() > MaxKeywords)
        {
            return TokenError.Invalid("Name", $"Search by at most {MaxKeywords} keywords.");
        }

        foreach (var (field, what, range) in new[] { ("Created", "created", query.Created), ("Expires", "expires", query.Expires), ("LastUsed", "last used", query.LastUsed) })
        {
            if (range is { From: { } from, To: { } to } && to <= from)
            {
                return TokenError.Invalid(field + "To", $"The end of the {what} range must be after its start.");
            }
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
