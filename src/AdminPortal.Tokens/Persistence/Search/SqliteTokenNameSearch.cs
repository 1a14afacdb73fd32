using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Tokens.Persistence.Search;

/// <summary>
/// Name keyword search on SQLite: an FTS5 table with the trigram tokenizer over <c>Tokens.NameKey</c>, kept in step by
/// triggers, so that "the name contains this keyword" is an index lookup instead of a scan of every name. The trigram
/// tokenizer matches any substring of 3 characters or more, case-sensitively here because <c>NameKey</c> is already the
/// normalised (upper-case) form, which is exactly what <c>NameKey.Contains(keyword)</c> means; shorter keywords are
/// left to <c>Contains</c>. The table's second column holds a marker of each of the token's scopes (<see cref="ScopeMarker"/>),
/// so that a keyword and a scope are looked up together. This is the one place with SQLite's search SQL: a PostgreSQL
/// variant (a <c>pg_trgm</c> index on <c>NameKey</c>, queried by <c>LIKE</c>) goes beside it.
/// </summary>
public static class SqliteTokenNameSearch
{
    /// <summary>The FTS5 table.</summary>
    public const string Table = "TokenNameSearch";

    /// <summary>Shortest keyword the trigram index can answer.</summary>
    public const int MinimumKeywordLength = 3;

    /// <summary>The first character of the markers' range (Unicode's private use area, which no scope name is made of).</summary>
    private const int MarkerBase = 0xE000;

    /// <summary>
    /// A scope's marker in the search table: three characters, hence one trigram of the index: the scope's length and its
    /// first and last characters, each moved into the private use area. Two scopes may share a marker ("tokens:read" and
    /// "tokens:rxad"): the index then names the tokens of both, and the listing tests the scope on each token's own row,
    /// so a marker only narrows, it never decides. <see cref="MarkersOf"/> computes the same in SQL, by code points.
    /// </summary>
    public static string ScopeMarker(string scope)
    {
        var runes = scope.EnumerateRunes().ToList();
        return runes.Count == 0 ? "" : string.Concat(
            char.ConvertFromUtf32(MarkerBase + Math.Min(runes.Count, 255)),
            char.ConvertFromUtf32(MarkerBase + runes[0].Value % 4096),
            char.ConvertFromUtf32(MarkerBase + runes[^1].Value % 4096));
    }

    /// <summary>
    /// The markers of the scopes of <paramref name="row"/> (its JSON array <c>Scopes</c>), separated by spaces; none when
    /// the column is not valid JSON, so that the triggers never make a write of the token fail (such a row cannot be
    /// read back anyway, and its markers could only narrow).
    /// </summary>
    private static string MarkersOf(string row) => $"""
        (SELECT group_concat(char({MarkerBase} + min(length(value), 255)) || char({MarkerBase} + unicode(substr(value, 1, 1)) % 4096)
          || char({MarkerBase} + unicode(substr(value, -1)) % 4096), ' ')
          FROM json_each(CASE WHEN json_valid({row}."Scopes") THEN {row}."Scopes" ELSE '[]' END))
        """;

    /// <summary>Indexes the tokens stored into the empty table, as the triggers of <see cref="CreateSql"/> would have.</summary>
    public static readonly string FillSql = $"""
        INSERT INTO "{Table}" (rowid, "NameKey", "Scopes") SELECT rowid, "NameKey", {MarkersOf("\"Tokens\"")} FROM "Tokens" ORDER BY rowid;
        """;

    /// <summary>Creates the table and its triggers and indexes the tokens already stored (run by migrations).</summary>
    public static readonly string CreateSql = $"""
        CREATE VIRTUAL TABLE "{Table}" USING fts5("NameKey", "Scopes", tokenize = 'trigram case_sensitive 1');
        {FillSql}
        CREATE TRIGGER "Tokens_NameSearch_Insert" AFTER INSERT ON "Tokens" BEGIN
          INSERT INTO "{Table}" (rowid, "NameKey", "Scopes") VALUES (new.rowid, new."NameKey", {MarkersOf("new")});
        END;
        CREATE TRIGGER "Tokens_NameSearch_Delete" AFTER DELETE ON "Tokens" BEGIN
          DELETE FROM "{Table}" WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER "Tokens_NameSearch_Update" AFTER UPDATE OF "NameKey", "Scopes" ON "Tokens" BEGIN
          UPDATE "{Table}" SET "NameKey" = new."NameKey", "Scopes" = {MarkersOf("new")} WHERE rowid = old.rowid;
        END;
        """;

    /// <summary>The table as the <c>ScaleListings</c> migration made it, names only (kept for that migration, and to go back to it).</summary>
    public const string CreateNamesOnlySql = $"""
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

    /// <summary>The FTS5 table of each name's characters and pairs of characters, for keywords shorter than a trigram.</summary>
    public const string GramsTable = "TokenNameGrams";

    /// <summary>
    /// The single characters and the pairs of adjacent characters of <paramref name="row"/>'s <c>NameKey</c>, each as the
    /// hexadecimal form of its UTF-8 bytes (letters and digits, one token each to FTS5's default tokenizer), separated by
    /// spaces. The positions come from a JSON array of as many elements as the name has characters (a trigger cannot hold
    /// a recursive query): the element's key is its position.
    /// </summary>
    private static string GramsOf(string row) => $"""
        (SELECT group_concat(hex(substr({row}."NameKey", p.key + 1, 1)) || ' ' || hex(substr({row}."NameKey", p.key + 1, 2)), ' ')
          FROM json_each('[' || rtrim(replace(hex(zeroblob(length({row}."NameKey"))), '00', '0,'), ',') || ']') AS p)
        """;

    /// <summary>
    /// Indexes the tokens stored into the empty table of characters, as the triggers of <see cref="CreateGramsSql"/> would
    /// have; in rowid order, which FTS5 needs to add to its pending terms (an out-of-order rowid flushes them): without the
    /// order, SQLite read the names through a covering index of a fresh file, and 300,000 tokens took 23 s instead of 2.
    /// </summary>
    public static readonly string FillGramsSql = $"""
        INSERT INTO "{GramsTable}" (rowid, "Grams") SELECT rowid, {GramsOf("\"Tokens\"")} FROM "Tokens" ORDER BY rowid;
        """;

    /// <summary>
    /// Creates the table of characters and its triggers and indexes the tokens already stored (run by migrations). The
    /// table stores no text (<c>content = ''</c>) and no positions (<c>detail = none</c>): a lookup names the rows that
    /// hold a character or a pair, and the token's own name decides.
    /// </summary>
    public static readonly string CreateGramsSql = $"""
        CREATE VIRTUAL TABLE "{GramsTable}" USING fts5("Grams", content = '', contentless_delete = 1, detail = none);
        {FillGramsSql}
        CREATE TRIGGER "Tokens_NameGrams_Insert" AFTER INSERT ON "Tokens" BEGIN
          INSERT INTO "{GramsTable}" (rowid, "Grams") VALUES (new.rowid, {GramsOf("new")});
        END;
        CREATE TRIGGER "Tokens_NameGrams_Delete" AFTER DELETE ON "Tokens" BEGIN
          DELETE FROM "{GramsTable}" WHERE rowid = old.rowid;
        END;
        CREATE TRIGGER "Tokens_NameGrams_Update" AFTER UPDATE OF "NameKey" ON "Tokens" BEGIN
          DELETE FROM "{GramsTable}" WHERE rowid = old.rowid;
          INSERT INTO "{GramsTable}" (rowid, "Grams") VALUES (new.rowid, {GramsOf("new")});
        END;
        """;

    /// <summary>Removes what <see cref="CreateGramsSql"/> made.</summary>
    public const string DropGramsSql = $"""
        DROP TRIGGER IF EXISTS "Tokens_NameGrams_Update";
        DROP TRIGGER IF EXISTS "Tokens_NameGrams_Delete";
        DROP TRIGGER IF EXISTS "Tokens_NameGrams_Insert";
        DROP TABLE IF EXISTS "{GramsTable}";
        """;

    /// <summary>Whether the index can answer <paramref name="keyword"/> (a normalised name keyword).</summary>
    public static bool CanSearch(TokenDbContext db, string keyword) => db.Database.IsSqlite() && keyword.Length >= MinimumKeywordLength;

    /// <summary>
    /// The rowids of the tokens whose normalised name holds the trigrams of every one of <paramref name="keywords"/> (of those
    /// that contain them, a superset) and, when
    /// <paramref name="scopes"/> are given, whose markers include one of theirs, as a subquery: join it on
    /// <see cref="RowIdOf"/> of the token, and test the keywords and the scopes on the token's own row as well.
    /// </summary>
    /// <remarks>
    /// The search table's rows carry the token's rowid (its triggers write them so), so a match reaches its token by the
    /// table's own key instead of through the id's index: about a third of the time of a join on the id alone (a count to
    /// 1,001 of "deploy prod" among a million tokens: 20 ms rather than 45-70 ms). Only the index is read, not the search
    /// rows' content: reading a stored id cost a page read per match outside the memory map (13,000 names of "deploy
    /// prod": 28 of a count's 58 ms in the sqlite3 shell). Where a rowid could no longer name its token (a VACUUM may
    /// renumber the rowids of a table keyed by something else), the keywords and scopes tested again on the token's own
    /// row let in only a token they match; so does a name that holds a keyword's trigrams but not the keyword
    /// (<see cref="TrigramCover"/>). The scope's marker is one more term of the same lookup: "deploy prod" with
    /// scope tokens:write names 3,179 tokens instead of the 12,966 with the words, each of which was read to test its scope.
    /// </remarks>
    public static IQueryable<long> Matching(TokenDbContext db, IReadOnlyCollection<string> keywords, IReadOnlyCollection<string> scopes)
    {
        // Each keyword is some of its trigrams in the name's column (TrigramCover); the scopes' markers are strings of the
        // other column, any of them; all of it ANDed.
        var terms = keywords.Select(k => "NameKey : " + TrigramCover(k)).ToList();
        if (scopes.Count > 0)
        {
            terms.Add("Scopes : (" + string.Join(" OR ", scopes.Select(s => Quoted(ScopeMarker(s)))) + ")");
        }

        var match = string.Join(" AND ", terms);
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"TokenNameSearch\" WHERE \"TokenNameSearch\" MATCH {match}");
    }

    /// <summary>
    /// The FTS5 expression of the trigrams that cover <paramref name="keyword"/>: those at every third character and the
    /// last one ("STAGING": "STA" AND "GIN" AND "ING"), as a set rather than a phrase. A name that holds them all may
    /// still not hold the keyword, which is why the caller tests it on the token's own name.
    /// </summary>
    /// <remarks>
    /// Measured against the keyword as one FTS5 string (a phrase of all its trigrams, whose positions FTS5 then compares), in
    /// a million names: "terraform" 19.7 -> 6.7 ms to count its 65,597 names, "staging" 48.7 -> 22.1 (200,278), "backup
    /// staging" with the marker of scope audit:read 28.8 -> 15.8, and the same names found in each case.
    /// </remarks>
    internal static string TrigramCover(string keyword)
    {
        var runes = keyword.EnumerateRunes().Select(r => r.ToString()).ToList();
        if (runes.Count < MinimumKeywordLength)
        {
            // Fewer characters than a trigram (a keyword of surrogate pairs): as one string, which no name's trigrams match.
            return Quoted(keyword);
        }

        var last = runes.Count - 3;
        var trigrams = Enumerable.Range(0, last + 1).Where(i => i % 3 == 0 || i == last).Select(i => Quoted(string.Concat(runes.GetRange(i, 3))));
        return "(" + string.Join(" AND ", trigrams) + ")";
    }

    /// <summary>Whether the table of characters can answer <paramref name="keyword"/>: one or two characters.</summary>
    public static bool CanSearchShort(TokenDbContext db, string keyword) =>
        db.Database.IsSqlite() && keyword.Length is > 0 and < MinimumKeywordLength;

    /// <summary>
    /// The rowids of the tokens whose normalised name holds each of <paramref name="keywords"/> (of one or two characters)
    /// as one of its characters or pairs, as a subquery to join on <see cref="RowIdOf"/>; the keywords are tested again
    /// on the token's own name, as with <see cref="Matching"/>.
    /// </summary>
    /// <remarks>
    /// Without it, such a keyword was tested on every name the listing's order handed over: fast where the pair is common
    /// ("ci", in 6.5% of the names: 1,001 usable matches after 17,000 names), but a pair that no name holds read every
    /// token to count none (1.15 s among a million tokens).
    /// </remarks>
    public static IQueryable<long> MatchingShort(TokenDbContext db, IReadOnlyCollection<string> keywords)
    {
        var match = string.Join(" AND ", keywords.Select(k => Quoted(Convert.ToHexString(Encoding.UTF8.GetBytes(k)))));
        return db.Database.SqlQuery<long>($"SELECT rowid AS \"Value\" FROM \"TokenNameGrams\" WHERE \"TokenNameGrams\" MATCH {match}");
    }

    private static string Quoted(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

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
