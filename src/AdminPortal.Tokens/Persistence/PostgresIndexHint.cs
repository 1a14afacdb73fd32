using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// Keeps PostgreSQL's planner from using a column's index for a condition, without changing the condition: on PostgreSQL
/// the column becomes <c>GREATEST(column, column)</c>, the same value (NULL included; not COALESCE, which EF Core
/// simplifies back to the column), an expression which no index of the schema serves; on SQLite it is the column itself.
/// PostgreSQL's planner takes a keyword's "contains" pattern to match a ninth of the tenant (it keeps no statistics of
/// the words inside names), so with the tenant's and the statuses' columns in sight it reads their index and tests each
/// name, rather than the trigram index that hands over only the names with the keyword; with those columns hidden the
/// name index leads (<see cref="PostgresPlan.KeywordIndexScan"/>). The counterpart of <see cref="SqliteIndexHint"/>.
/// </summary>
public static class PostgresIndexHint
{
    /// <summary>The value of <paramref name="value"/>, hidden from PostgreSQL's index choice (database queries only).</summary>
    public static DateTimeOffset? Unindexed(DateTimeOffset? value) => throw InDatabaseOnly();

    /// <inheritdoc cref="Unindexed(DateTimeOffset?)"/>
    public static DateTimeOffset Unindexed(DateTimeOffset value) => throw InDatabaseOnly();

    /// <inheritdoc cref="Unindexed(DateTimeOffset?)"/>
    public static bool Unindexed(bool value) => throw InDatabaseOnly();

    /// <inheritdoc cref="Unindexed(DateTimeOffset?)"/>
    public static string Unindexed(string value) => throw InDatabaseOnly();

    /// <inheritdoc cref="Unindexed(DateTimeOffset?)"/>
    public static Guid Unindexed(Guid value) => throw InDatabaseOnly();

    /// <summary>Registers the translations of <see cref="Unindexed(DateTimeOffset?)"/> and its overloads for the model's engine.</summary>
    internal static void Register(ModelBuilder modelBuilder, bool postgres) =>
        IndexHints.Register(modelBuilder, typeof(PostgresIndexHint), column => postgres
            ? new SqlFunctionExpression("GREATEST", [column, column], nullable: true, argumentsPropagateNullability: [false, false], column.Type, column.TypeMapping)
            : column);

    /// <summary>
    /// Replaces, in <paramref name="predicate"/>, every read of a column of <paramref name="columns"/> by
    /// <see cref="Unindexed(DateTimeOffset?)"/> of it: the same condition, which PostgreSQL then evaluates per row.
    /// </summary>
    public static Expression<Func<T, bool>> Unindex<T>(Expression<Func<T, bool>> predicate, params string[] columns) =>
        IndexHints.Unindex(typeof(PostgresIndexHint), predicate, columns);

    private static InvalidOperationException InDatabaseOnly() => new("PostgresIndexHint.Unindexed runs in database queries only.");
}
