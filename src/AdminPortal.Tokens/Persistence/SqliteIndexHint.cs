using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// Keeps SQLite's planner from using a column's index for a condition, without changing the condition: on SQLite the
/// column gets SQLite's unary plus (<c>+("ValidTo")</c>, the same value of the same type, NULL included), an expression
/// which no index serves; on PostgreSQL it is the column itself, whose planner weighs its statistics per value.
/// A listing uses it when a filter matches many rows, so that the sort's index leads and the page stops after its rows.
/// </summary>
public static class SqliteIndexHint
{
    /// <summary>The value of <paramref name="value"/>, hidden from SQLite's index choice (database queries only).</summary>
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
    internal static void Register(ModelBuilder modelBuilder, bool sqlite) =>
        IndexHints.Register(modelBuilder, typeof(SqliteIndexHint), column => sqlite ? Hide(column) : column);

    /// <summary>
    /// Replaces, in <paramref name="predicate"/>, every read of a column of <paramref name="columns"/> by
    /// <see cref="Unindexed(DateTimeOffset?)"/> of it: the same condition, which SQLite then evaluates per row.
    /// </summary>
    public static Expression<Func<T, bool>> Unindex<T>(Expression<Func<T, bool>> predicate, params string[] columns) =>
        IndexHints.Unindex(typeof(SqliteIndexHint), predicate, columns);

    // SQLite's unary plus, written as a "function" named + so that EF Core prints +("column"); opaque to EF Core's null
    // rewriting too (a NULL test stays on the whole expression rather than moving to the column, which its index serves).
    private static SqlFunctionExpression Hide(SqlExpression column) =>
        new("+", [column], nullable: true, argumentsPropagateNullability: [false], column.Type, column.TypeMapping);

    private static InvalidOperationException InDatabaseOnly() => new("SqliteIndexHint.Unindexed runs in database queries only.");
}
