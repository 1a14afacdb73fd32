using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// What a listing knows about its rows that PostgreSQL's planner cannot: its estimates multiply the selectivities of
/// correlated conditions ("scheduled" says valid-from and start are both in the future: 2 rows expected where 20,000
/// match) and, with one tenant holding every row, "this tenant" selects nothing. A listing whose bounded count found many
/// matches reads its page in the sort's order (<see cref="OrderFromIndex"/>: no sort node, so an index that gives the
/// order); one led by a scope's rows probes each token by its key (<see cref="NestedLoops"/>: no hash or merge join, no
/// sequential scan). Each is a <c>SET LOCAL</c> of the planner's switches in a read transaction of its own, which ends
/// with the listing; SQLite gets the same guidance from <see cref="SqliteIndexHint"/> instead.
/// </summary>
public enum PostgresPlan
{
    /// <summary>The planner chooses.</summary>
    Default,

    /// <summary>The page in the sort's order from its index, stopping after one page (<c>enable_sort = off</c>).</summary>
    OrderFromIndex,

    /// <summary>Another table's rows lead and each token is read by its key.</summary>
    NestedLoops,

    /// <summary>
    /// A name keyword through the trigram index, as an index scan that hands over one match at a time (no bitmap scans,
    /// which would collect every match of the keyword first; no sequential scan, which the planner otherwise chose from
    /// its estimate of a "contains" pattern, a ninth of the table: a count of "deploy" with a scope to 1,001 read 60,000
    /// rows in 36-54 ms that way, 5 ms through the index).
    /// </summary>
    KeywordIndexScan,

    /// <summary>
    /// <see cref="KeywordIndexScan"/> where only broad filters go with the keyword (their columns hidden from the planner,
    /// <see cref="PostgresIndexHint"/>): no index-only scans either. The statuses' indexes carry the name
    /// (<see cref="StatusIndexOnly"/>), and the planner then preferred reading a whole one of them, testing the keyword on
    /// each entry, to the trigram index ("terraform" with the usable statuses: 205,000 entries read to count 1,001
    /// matches, 55-70 ms, against 20 ms through the trigram index).
    /// </summary>
    KeywordOnlyIndexScan,

    /// <summary>
    /// A name keyword that is rare among a scope's tokens, through the index that holds both the names' trigrams and the
    /// scopes (<see cref="Search.PostgresTokenNameSearch.ScopesIndexName"/>), as one bitmap of the tokens that have both
    /// (no plain index scans, which would take the keyword's index alone and test each of its tokens for the scope): a
    /// keyword and a scope that together match a few thousand tokens read those, not every token of the keyword
    /// ("deploy prod", 13,000 names, with a scope held by a third of the tokens: the GiST index handed over all 13,000).
    /// </summary>
    KeywordAndScopeBitmap,

    /// <summary>
    /// A keyword that no index serves (shorter than a trigram) with the usable statuses, tested on the entries of the
    /// statuses' index, which carries the name (an index-only scan; no sequential or bitmap scan). The planner costs the
    /// index-only scan of the usable tokens about as much as a sequential scan of the table, and chose the scan: "ci"
    /// counted to 1,001 read 52,000 rows (23 ms warm, 31-48 with pages to fetch) where 1,001 matches are among the
    /// index's first 17,000 entries (2.6 ms).
    /// </summary>
    StatusIndexOnly,

    /// <summary>
    /// Keywords of one or two characters that few names hold, through the GIN index of the names' characters and pairs
    /// (<see cref="Search.PostgresTokenNameSearch.GramsIndexName"/>) as a bitmap, each of its tokens then tested on its
    /// row; no other index (the statuses' columns are hidden from the planner) and no sequential scan. Reading the
    /// statuses' index instead, as for a common pair, tested every usable token to count none ("qz" among a million
    /// tokens: 107 ms; through the index, under a millisecond).
    /// </summary>
    NameGramsBitmap,
}

/// <summary>Applies a <see cref="PostgresPlan"/> (PostgreSQL only).</summary>
public static class PostgresPlans
{
    /// <summary>
    /// A transaction with <paramref name="plan"/>'s planner switches set for its duration, or null (SQLite, the default
    /// plan, or a transaction already open). Dispose it when the listing's queries are done: it rolls back, as it wrote nothing.
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginAsync(TokenDbContext db, PostgresPlan plan, CancellationToken ct)
    {
        if (plan == PostgresPlan.Default || !db.Database.IsNpgsql() || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        var transaction = await db.Database.BeginTransactionAsync(ct);
        // No parallel workers either: starting them cost 150 ms of a 40 ms page read in index order on two cores.
        await db.Database.ExecuteSqlRawAsync(plan switch
        {
            PostgresPlan.OrderFromIndex => "SET LOCAL enable_sort = off; SET LOCAL max_parallel_workers_per_gather = 0",
            PostgresPlan.KeywordIndexScan => "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0",
            PostgresPlan.KeywordOnlyIndexScan => "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0",
            PostgresPlan.StatusIndexOnly => "SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0",
            PostgresPlan.KeywordAndScopeBitmap or PostgresPlan.NameGramsBitmap => "SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0",
            _ => "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_seqscan = off; SET LOCAL max_parallel_workers_per_gather = 0",
        }, ct);
        return transaction;
    }
}
