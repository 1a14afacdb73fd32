using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Persistence.Search;

/// <summary>
/// Name keyword search on PostgreSQL: a GiST index of <c>pg_trgm</c> trigrams on <c>Tokens.NameKey</c>, which serves
/// <c>NameKey LIKE '%keyword%'</c>, so that "the name contains this keyword" reads the index instead of every name.
/// GiST rather than GIN: a GIN index answers only as a bitmap, built whole before the first row (for a keyword in 65,000
/// names, 45 ms before a count to 1,001 could stop), where a GiST index scan hands over one match at a time and the
/// bounded count stops after its limit ("deploy prod" counted to 1,001 at a million tokens: 10-14 ms against 47-56;
/// listings run it with bitmap scans off, <see cref="PostgresPlan.KeywordIndexScan"/>). The
/// index is lossy (trigrams ignore case and punctuation) and PostgreSQL re-checks each candidate with the <c>LIKE</c>
/// itself, which compares exactly (ordinal, in the database's deterministic collation); <c>NameKey</c> is already the
/// normalised upper-case form, so the match is exactly <c>NameKey.Contains(keyword)</c>. Keywords shorter than 3
/// characters have no trigram to look up: <see cref="Containing"/> tests them by <c>strpos</c>, which no index serves.
/// The extension may be refused (a managed server, a user without the right to create it in the database): then the
/// migration (<c>PostgresListings</c>) creates no index, and the same <c>LIKE</c> reads every name of the tenant, as
/// <c>Contains</c> did. The portal logs at start which of the two it runs with (<see cref="IsIndexedAsync"/>).
/// </summary>
public static class PostgresTokenNameSearch
{
    /// <summary>The trigram index.</summary>
    public const string IndexName = "IX_Tokens_NameKey_TrigramGist";

    /// <summary>The GIN trigram index of earlier releases, replaced by <see cref="IndexName"/>.</summary>
    public const string GinIndexName = "IX_Tokens_NameKey_Trigram";

    /// <summary>
    /// A GIN index of the names' trigrams and the tokens' scopes together, for a keyword rare among a scope's tokens: one
    /// bitmap scan finds the tokens that hold both (<see cref="PostgresPlan.KeywordAndScopeBitmap"/>), where the GiST index
    /// could hand over only every token of the keyword, each then tested for the scope.
    /// </summary>
    public const string ScopesIndexName = "IX_Tokens_NameKey_Scopes_Gin";

    /// <summary>Creates <see cref="ScopesIndexName"/> when <c>pg_trgm</c> is there (run by a migration).</summary>
    public static readonly string CreateScopesIndexSql = CreateIndexSql(ScopesIndexName, "gin", "gin_trgm_ops", ", \"Scopes\"");

    /// <summary>Removes <see cref="ScopesIndexName"/>.</summary>
    public const string DropScopesIndexSql = $"""DROP INDEX IF EXISTS "{ScopesIndexName}";""";

    /// <summary>Shortest keyword the trigram index can answer.</summary>
    public const int MinimumKeywordLength = 3;

    /// <summary>
    /// Creates <c>pg_trgm</c> if it can (and says so in a notice if it cannot), then the index if the extension is there,
    /// with the operator class of the schema the extension lives in (run by a migration).
    /// </summary>
    public static readonly string CreateSql = """
        DO $$
        BEGIN
          CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN OTHERS THEN
          RAISE NOTICE 'pg_trgm could not be created (%): name keywords are searched without a trigram index', SQLERRM;
        END $$;
        """ + "\n" + CreateIndexSql(IndexName, "gist", "gist_trgm_ops(siglen=64)");

    /// <summary>Removes the index (the extension stays: other objects of the database may use it).</summary>
    public const string DropSql = $"""DROP INDEX IF EXISTS "{IndexName}";""";

    /// <summary>Replaces the GIN index of earlier releases by the GiST one (run by a migration).</summary>
    public static readonly string ReplaceGinSql = $"""DROP INDEX IF EXISTS "{GinIndexName}";""" + "\n" + CreateSql;

    /// <summary>Goes back to the GIN index (the migration's Down).</summary>
    public static readonly string BackToGinSql = DropSql + "\n" + CreateIndexSql(GinIndexName, "gin", "gin_trgm_ops");

    /// <summary>
    /// Creates the trigram index <paramref name="name"/> when the extension is there, with the operator class of the schema
    /// the extension lives in.
    /// </summary>
    private static string CreateIndexSql(string name, string method, string operatorClass, string moreColumns = "") => $$"""
        DO $$
        DECLARE extension_schema name;
        BEGIN
          SELECT n.nspname INTO extension_schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm';
          IF extension_schema IS NOT NULL THEN
            EXECUTE format('CREATE INDEX IF NOT EXISTS "{{name}}" ON "Tokens" USING {{method}} ("NameKey" %I.{{operatorClass}}{{moreColumns}})', extension_schema);
          END IF;
        END $$;
        """;

    /// <summary>Whether <paramref name="keyword"/> (a normalised name keyword) is searched by <c>LIKE</c> here.</summary>
    public static bool CanSearch(TokenDbContext db, string keyword) => db.Database.IsNpgsql() && keyword.Length >= MinimumKeywordLength;

    /// <summary>
    /// The tokens whose normalised name contains <paramref name="keyword"/>: <c>LIKE '%keyword%'</c>, its wildcards escaped,
    /// which the trigram index serves; a keyword shorter than the index can answer by <c>strpos(NameKey, keyword)</c>,
    /// which no index serves. Not <c>LIKE</c> (nor <c>Contains</c>, which EF Core writes as <c>LIKE</c>) for those:
    /// PostgreSQL then took the trigram index, which for a pattern without a trigram hands over every row (a bitmap of
    /// all 100,000 names, each re-checked: "ci" counted to 1,001 in 113 ms, against 19 ms reading the statuses' index).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA2249:Consider using 'string.Contains' instead of 'string.IndexOf'",
        Justification = "Translated to SQL: IndexOf is strpos, which the trigram index does not take; Contains is LIKE, which it does.")]
    public static IQueryable<ApiToken> Containing(IQueryable<ApiToken> tokens, string keyword)
    {
        if (keyword.Length < MinimumKeywordLength)
        {
            return tokens.Where(t => t.NameKey.IndexOf(keyword) >= 0);
        }

        var pattern = "%" + keyword.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";
        return tokens.Where(t => EF.Functions.Like(t.NameKey, pattern, @"\"));
    }

    /// <summary>The function that lists a name's single characters and pairs of adjacent characters.</summary>
    public const string GramsFunction = "token_name_grams";

    /// <summary>
    /// Whether a name holds every one of an array of characters and pairs: <c>token_name_grams(name) @&gt; grams</c>, as a
    /// function that PostgreSQL inlines into the query (one expression, immutable), so that the GIN index serves it.
    /// </summary>
    public const string HoldsFunction = "token_name_holds";

    /// <summary>The GIN index of <see cref="GramsFunction"/> of every name.</summary>
    public const string GramsIndexName = "IX_Tokens_NameGrams_Gin";

    /// <summary>
    /// Creates <see cref="GramsFunction"/> and the GIN index of its value for every name (run by a migration; no extension
    /// needed): keywords of one or two characters, which have no trigram, looked up as an element of the array.
    /// </summary>
    public const string CreateGramsSql = $$"""
        CREATE FUNCTION {{GramsFunction}}(name text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT ARRAY(SELECT substr(name, i, 1) FROM generate_series(1, length(name)) AS i
            UNION ALL SELECT substr(name, i, 2) FROM generate_series(1, length(name) - 1) AS i)
        $$;
        CREATE FUNCTION {{HoldsFunction}}(name text, grams text[]) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
          SELECT {{GramsFunction}}(name) @> grams
        $$;
        CREATE INDEX "{{GramsIndexName}}" ON "Tokens" USING gin ({{GramsFunction}}("NameKey"));
        """;

    /// <summary>Removes what <see cref="CreateGramsSql"/> made.</summary>
    public const string DropGramsSql = $"""
        DROP INDEX IF EXISTS "{GramsIndexName}";
        DROP FUNCTION IF EXISTS {HoldsFunction}(text, text[]);
        DROP FUNCTION IF EXISTS {GramsFunction}(text);
        """;

    /// <summary>Whether <paramref name="keyword"/> (a normalised name keyword) has no trigram but is in the index of characters and pairs.</summary>
    public static bool CanSearchShort(TokenDbContext db, string keyword) =>
        db.Database.IsNpgsql() && keyword.Length is > 0 and < MinimumKeywordLength;

    /// <summary>Whether <paramref name="nameKey"/> holds every one of <paramref name="grams"/> (<see cref="HoldsFunction"/>; database queries only).</summary>
    public static bool HoldsGrams(string nameKey, string[] grams) => throw new InvalidOperationException("HoldsGrams runs in PostgreSQL queries only.");

    /// <summary>
    /// The tokens whose normalised name holds each of <paramref name="keywords"/> (of one or two characters) among its
    /// characters and pairs: <c>token_name_grams("NameKey") @&gt; @keywords</c> once inlined, which the GIN index serves.
    /// The keywords are tested on the name as well (<see cref="Containing"/>), as for every listing.
    /// </summary>
    public static IQueryable<ApiToken> HoldingShort(IQueryable<ApiToken> tokens, IReadOnlyCollection<string> keywords)
    {
        var grams = keywords.ToArray();
        return tokens.Where(t => HoldsGrams(t.NameKey, grams));
    }

    /// <summary>Registers <see cref="HoldsGrams"/> as <see cref="HoldsFunction"/>.</summary>
    internal static void Register(ModelBuilder modelBuilder)
    {
        var function = modelBuilder.HasDbFunction(typeof(PostgresTokenNameSearch).GetMethod(nameof(HoldsGrams))!).HasName(HoldsFunction);
        function.HasParameter("grams").HasStoreType("text[]");
    }

    /// <summary>Whether the database has the trigram index (false: keyword search reads every name of the tenant).</summary>
    public static async Task<bool> IsIndexedAsync(TokenDbContext db, CancellationToken ct = default) =>
        await db.Database.SqlQuery<bool>($"SELECT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = {IndexName}) AS \"Value\"").SingleAsync(ct);
}
