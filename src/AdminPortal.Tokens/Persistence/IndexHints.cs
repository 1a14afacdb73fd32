using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// What <see cref="SqliteIndexHint"/> and <see cref="PostgresIndexHint"/> share: each declares <c>Unindexed</c> overloads
/// (one per column type) that EF Core translates to an expression of the column which its engine's indexes do not serve.
/// </summary>
internal static class IndexHints
{
    /// <summary>Registers every <c>Unindexed</c> overload of <paramref name="hints"/>, translated by <paramref name="translate"/>.</summary>
    public static void Register(ModelBuilder modelBuilder, Type hints, Func<SqlExpression, SqlExpression> translate)
    {
        foreach (var method in hints.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "Unindexed"))
        {
            modelBuilder.HasDbFunction(method).HasTranslation(args => translate(args[0]));
        }
    }

    /// <summary>
    /// <paramref name="predicate"/> with every read of a column of <paramref name="columns"/> wrapped in the
    /// <c>Unindexed</c> overload of <paramref name="hints"/> for its type: the same condition, evaluated per row.
    /// </summary>
    public static Expression<Func<T, bool>> Unindex<T>(Type hints, Expression<Func<T, bool>> predicate, string[] columns) =>
        (Expression<Func<T, bool>>)new Unindexing(hints, columns).Visit(predicate);

    private sealed class Unindexing(Type hints, string[] columns) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression is ParameterExpression && columns.Contains(node.Member.Name)
                && hints.GetMethod("Unindexed", [node.Type]) is { } hint)
            {
                return Expression.Call(hint, node);
            }

            return base.VisitMember(node);
        }
    }
}
