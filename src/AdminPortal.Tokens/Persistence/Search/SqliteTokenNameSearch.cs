using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Tokens.Persistence.Search;

/// <summary>
/// Name keyword search on SQLite: an FTS5 table with the trigram tokenizer over <c>Tokens.NameKey</c>, kept in step by
/// triggers, so that "the name contains this keyword" is an index lookup instead of a scan of every name. The trigram
/// tokenizer matches any substring of 3 characters or more, case-sensitively here because <c>NameKey</c> is already the
/// normalised (upper-case) form, which is exactly what <c>NameKey.Contains(keyword)</c> means; shorter keywords are
/// left to <c>Contains</c>. This is the one place with SQLite's search SQL: a PostgreSQL variant (a <c>pg_trgm</c> GIN
/// index on <c>NameKey</c>, queried by <c>LIKE</c>) goes beside it.
/// </summary>
public static class SqliteTokenNameSearch
{
    /// <summary>The FTS5 table.</summary>
    public const string Table = "TokenNameSearch";

    /// <summary>Shortest keyword the trigram index can answer.</summary>
    public const int MinimumKeywordLength = 3;

    /// <summary>Creates the table and its triggers and indexes the names already stored (run by a migration).</summary>
    public const string CreateSql = $"""
        CREATE VIRTUAL TABLE "{Table}" USING fts5("NameKey", "Id" UNINDEXED, tokenize = 'trigram case_sensitive 1');
        INSERT INTO "{Table}" (rowid, "NameKey", "Id") SELECT rowid, "NameKey", "Id" FROM "Tokens";
        CREATE TRIGGER "Tokens_NameSearch_Insert" AFTER INSERT ON "Tokens" BEGIN
          INSERT INTO "{Table}" (rowid, "NameKey", "Id") VALUES (new.rowid, new."NameKey", new."Id");
        END;
        CREATE TRIGGER "Tokens_NameSearch_Delete" AFTER DELETE ON "Tokens" BEGIN
          DELETE FROM "{Table}" WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER "Tokens_NameSearch_Update" AFTER UPDATE OF "NameKey" ON "Tokens" BEGIN
          UPDATE "{Table}" SET "NameKey" = new."NameKey" WHERE rowid = old.rowid;
        END;
        """;

    /// <summary>Removes what <see cref="CreateSql"/> made.</summary>
    public const string DropSql = $"""
        DROP TRIGGER IF EXISTS "Tokens_NameSearch_Update";
        DROP TRIGGER IF EXISTS "Tokens_NameSearch_Delete";
        DROP TRIGGER IF EXISTS "Tokens_NameSearch_Insert";
        DROP TABLE IF EXISTS "{Table}";
        """;

    /// <summary>Whether the index can answer <paramref name="keyword"/> (a normalised name keyword).</summary>
    public static bool CanSearch(TokenDbContext db, string keyword) => db.Database.IsSqlite() && keyword.Length >= MinimumKeywordLength;

    /// <summary>
    /// The rowids of the tokens whose normalised name contains every one of <paramref name="keywords"/>, as a subquery:
    /// join it on <see cref="RowIdOf"/> of the token, and test the keywords on the token's name as well.
    /// </summary>
    /// <remarks>
    /// The search table's rows carry the token's rowid (its triggers write them so), so a match reaches its token by the
    /// table's own key instead of through the id's index: about a third of the time of a join on the id alone (a count to
    /// 1,001 of "deploy prod" among a million tokens: 20 ms rather than 45-70 ms). Only the index is read, not the search
    /// rows' stored id: reading it cost a page read per match outside the memory map (13,000 names of "deploy prod": 28 of
    /// a count's 58 ms in the sqlite3 shell). Where a rowid could no longer name its token (a VACUUM may renumber the rowids
    /// of a table keyed by something else), the keywords tested again on the token's own name let in only a token they match.
    /// </remarks>
    public static IQueryable<long> Matching(TokenDbContext db, IReadOnlyCollection<string> keywords)
    {
        // Each keyword is one FTS5 string (a phrase of its trigrams, that is a substring); strings are ANDed.
        var match = string.Join(" AND ", keywords.Select(k => "\"" + k.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"TokenNameSearch\" WHERE \"TokenNameSearch\" MATCH {match}");
    }

    /// <summary>The rowid of the token row whose id is <paramref name="tokenId"/> (database queries on SQLite only).</summary>
    public static long RowIdOf(Guid tokenId) => throw new InvalidOperationException("RowIdOf runs in SQLite queries only.");

    /// <summary>Registers the translation of <see cref="RowIdOf"/>: the rowid of the table that the id's column belongs to.</summary>
    internal static void Register(ModelBuilder modelBuilder)
    {
        var integer = new LongTypeMapping("INTEGER");
        modelBuilder.HasDbFunction(typeof(SqliteTokenNameSearch).GetMethod(nameof(RowIdOf))!)
            .HasTranslation(args => args[0] is ColumnExpression id
                ? new ColumnExpression("rowid", id.TableAlias, typeof(long), integer, nullable: false)
                : throw new InvalidOperationException("RowIdOf takes a token's id column."));
    }
}
