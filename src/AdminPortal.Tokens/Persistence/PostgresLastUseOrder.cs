using System.Linq.Expressions;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// The "last used" order on PostgreSQL. Never-used tokens (<c>LastUsedAt</c> NULL) count as oldest on every engine:
/// first ascending, last descending. SQLite orders NULL so itself; PostgreSQL orders NULL last ascending, and EF Core
/// has no NULLS FIRST. So on PostgreSQL the sort and the cursor's seek use the key <c>COALESCE("LastUsedAt", 0)</c>
/// (never used = <see cref="DateTimeOffset.MinValue"/>, 0 UTC ticks, before every real use), which the expression index
/// made by the migration <c>PostgresListings</c> (<see cref="CreateSql"/>) holds in order with the tenant and the GUID
/// tie-breaker: the sort reads it and stops after one page, as SQLite reads <c>(TenantId, LastUsedAt, GuidText)</c>.
/// The index serves only a query whose expression is the same: <see cref="Key"/> is translated to exactly that.
/// </summary>
public static class PostgresLastUseOrder
{
    /// <summary>The expression index.</summary>
    public const string IndexName = "IX_Tokens_TenantId_LastUseKey_GuidText";

    /// <summary>The sort key: the last use, or <see cref="DateTimeOffset.MinValue"/> when never used.</summary>
    public static readonly Expression<Func<ApiToken, DateTimeOffset>> Key = t => t.LastUsedAt ?? DateTimeOffset.MinValue;

    /// <summary>Creates the index (run by a migration).</summary>
    public const string CreateSql = $"""CREATE INDEX IF NOT EXISTS "{IndexName}" ON "Tokens" ("TenantId", COALESCE("LastUsedAt", 0::bigint), "GuidText");""";

    /// <summary>Removes it.</summary>
    public const string DropSql = $"""DROP INDEX IF EXISTS "{IndexName}";""";
}
