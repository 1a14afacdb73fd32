using System.Linq.Expressions;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore.Query;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// The rules of <see cref="TokenStatus"/> and of visibility as query expressions, so that filters and sorts
/// run in the database. A test proves that they agree with <see cref="TokenStatus"/> for every case.
/// </summary>
internal static class TokenFilters
{
    /// <summary>
    /// Rule 6: full admins see their tenant's tokens; everyone else their own. <paramref name="unindexed"/>: the tenant's
    /// condition hidden from SQLite's index choice (<see cref="SqliteIndexHint"/>), for a listing that another table
    /// leads; <paramref name="unindexedOnPostgres"/>: from PostgreSQL's (<see cref="PostgresIndexHint"/>), for one that the
    /// name index leads.
    /// </summary>
    public static IQueryable<ApiToken> VisibleTo(this IQueryable<ApiToken> tokens, PortalUser actor, bool unindexed = false, bool unindexedOnPostgres = false) =>
        actor.Role != Role.FullAdmin ? tokens.Where(t => t.TenantId == actor.TenantId && t.OwnerId == actor.Id)
        : unindexed ? tokens.Where(t => SqliteIndexHint.Unindexed(t.TenantId) == actor.TenantId)
        : unindexedOnPostgres ? tokens.Where(t => PostgresIndexHint.Unindexed(t.TenantId) == actor.TenantId)
        : tokens.Where(t => t.TenantId == actor.TenantId);

    public static Expression<Func<ApiToken, bool>> HasValidity(TokenValidity validity, DateTimeOffset now) =>
        HasValidity(validity, new StatusValues(now, TimeSpan.Zero));

    /// <summary>The rule of <paramref name="validity"/>, comparing with <paramref name="values"/>.</summary>
    public static Expression<Func<ApiToken, bool>> HasValidity(TokenValidity validity, StatusValues values) => Bind(validity switch
    {
        // The owner's state is compared with a value (a parameter of the query), not read as a truth value or negated: SQLite seeks an index, here
        // (TenantId, OwnerIsActive, RevokedAt, EndsAt), only for "column = value". For a token not revoked EndsAt is its
        // valid-to, or the largest instant when it has none: "EndsAt > now" changes nothing beside "no valid-to or a later
        // one", but is one range of that index. Only for the suspended tokens, the rare ones it finds: the scheduled ones
        // are a range of their start ((TenantId, StartsAt), 2% of the tokens), where the end had SQLite read the three
        // quarters not ended; the valid ones are most of the tenant, and as a second range beside the scheduled ones' it
        // made SQLite collect both ranges whole before the first row (a count of "ci" to 1,001: 17 -> 36 ms).
        TokenValidity.Revoked => (t, s) => t.RevokedAt != null,
        TokenValidity.Expired => (t, s) => t.RevokedAt == null && t.ValidTo != null && t.ValidTo <= s.Now,
        TokenValidity.Suspended => (t, s) => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > s.Now) && t.EndsAt > s.Now && t.OwnerIsActive == s.Inactive,
        // StartsAt is ValidFrom when that is set: "StartsAt > now" changes nothing but lets the (TenantId, StartsAt) index serve it.
        TokenValidity.Scheduled => (t, s) => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > s.Now) && t.OwnerIsActive == s.Active
            && t.ValidFrom != null && t.ValidFrom > s.Now && t.StartsAt > s.Now,
        TokenValidity.Valid => (t, s) => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > s.Now) && t.OwnerIsActive == s.Active
            && (t.ValidFrom == null || t.ValidFrom <= s.Now),
        _ => throw new ArgumentOutOfRangeException(nameof(validity)),
    }, values);

    public static Expression<Func<ApiToken, bool>> HasUsage(TokenUsage usage, DateTimeOffset now, TimeSpan window) =>
        HasUsage(usage, new StatusValues(now, window));

    /// <summary>The rule of <paramref name="usage"/>, comparing with <paramref name="values"/>.</summary>
    public static Expression<Func<ApiToken, bool>> HasUsage(TokenUsage usage, StatusValues values) => Bind(usage switch
    {
        TokenUsage.Generated => (t, s) => t.LastUsedAt == null,
        TokenUsage.Active => (t, s) => t.LastUsedAt != null && t.LastUsedAt > s.ActiveSince,
        TokenUsage.Inactive => (t, s) => t.LastUsedAt != null && t.LastUsedAt <= s.ActiveSince,
        _ => throw new ArgumentOutOfRangeException(nameof(usage)),
    }, values);

    // Every rule reads its values from the one StatusValues object, put into the expression as that object itself: the
    // query then has one parameter per value however many statuses it ORs, and SQLite seeks an index by a term that all
    // branches of the OR share ("OwnerIsActive = @active") only when they name the same parameter (with one parameter per
    // status, the default view's count read every token of the tenant: 1.4-1.9 s instead of 0.1 s at a million tokens).
    private static Expression<Func<ApiToken, bool>> Bind(Expression<Func<ApiToken, StatusValues, bool>> rule, StatusValues values) =>
        Expression.Lambda<Func<ApiToken, bool>>(
            ReplacingExpressionVisitor.Replace(rule.Parameters[1], Expression.Constant(values), rule.Body), rule.Parameters[0]);

    /// <summary>
    /// <see cref="TokenStatus.IsExpiringSoon"/> with the period ending at <paramref name="by"/>: for a token that is not
    /// revoked <c>EndsAt</c> is its valid-to (or the largest instant), so the range is one of the (TenantId, EndsAt) index.
    /// </summary>
    public static Expression<Func<ApiToken, bool>> IsExpiringSoon(DateTimeOffset now, DateTimeOffset by) =>
        t => t.RevokedAt == null && t.EndsAt > now && t.EndsAt <= by;

    /// <summary>
    /// <see cref="IsExpiringSoon"/> by the valid-to date: the same rule, since a token that is not revoked ends at its
    /// valid-to, or never (<c>EndsAt</c> is then the largest instant, after every <paramref name="by"/>).
    /// </summary>
    public static Expression<Func<ApiToken, bool>> IsExpiringSoonByValidTo(DateTimeOffset now, DateTimeOffset by) =>
        t => t.RevokedAt == null && t.ValidTo != null && t.ValidTo > now && t.ValidTo <= by;

    /// <summary>
    /// The rule of <see cref="InstantRange.Contains"/> on one date column, for the database: [from, to), and a token without
    /// the date (null) is in no range that has an end set. <paramref name="column"/> selects the column (CreatedAt,
    /// ValidTo, LastUsedAt); each has an index led by the tenant, so a range is a seek.
    /// </summary>
    public static Expression<Func<ApiToken, bool>>? Within(Expression<Func<ApiToken, DateTimeOffset?>> column, InstantRange range)
    {
        if (!range.IsSet)
        {
            return null;
        }

        var token = column.Parameters[0];
        Expression body = Expression.NotEqual(column.Body, Expression.Constant(null, typeof(DateTimeOffset?)));
        if (range.From is { } from)
        {
            body = Expression.AndAlso(body, Expression.GreaterThanOrEqual(column.Body, Bound(from)));
        }

        if (range.To is { } to)
        {
            body = Expression.AndAlso(body, Expression.LessThan(column.Body, Bound(to)));
        }

        return Expression.Lambda<Func<ApiToken, bool>>(body, token);
    }

    // A captured value (a query parameter), not a constant in the SQL text: one cached plan for every range.
    private static Expression Bound(DateTimeOffset at)
    {
        Expression<Func<DateTimeOffset?>> value = () => at;
        return value.Body;
    }

    /// <summary>Counts against the per-owner limit (see <see cref="TokenStatus.IsUsable"/>).</summary>
    public static Expression<Func<ApiToken, bool>> IsUsable(DateTimeOffset now) =>
        t => t.RevokedAt == null && (t.ValidTo == null || t.ValidTo > now);

    /// <summary>Keeps rows matching any of <paramref name="predicates"/>; all rows when there are none.</summary>
    public static IQueryable<T> WhereAny<T>(this IQueryable<T> rows, IEnumerable<Expression<Func<T, bool>>> predicates)
    {
        Expression<Func<T, bool>>? combined = null;
        foreach (var predicate in predicates)
        {
            combined = combined is null
                ? predicate
                : Expression.Lambda<Func<T, bool>>(
                    Expression.OrElse(combined.Body, ReplacingExpressionVisitor.Replace(predicate.Parameters[0], combined.Parameters[0], predicate.Body)),
                    combined.Parameters);
        }

        return combined is null ? rows : rows.Where(combined);
    }

    /// <summary>
    /// A rule of a token's columns (<see cref="HasValidity(TokenValidity, StatusValues)"/>, <see cref="HasUsage(TokenUsage, StatusValues)"/>)
    /// as the same rule of its scope rows' copies of them (<see cref="TokenScope.CopiedColumns"/>, by the same names): the
    /// rules stay written once, on the token.
    /// </summary>
    public static Expression<Func<TokenScope, bool>> OnScopeRows(Expression<Func<ApiToken, bool>> rule)
    {
        var row = Expression.Parameter(typeof(TokenScope), "s");
        return Expression.Lambda<Func<TokenScope, bool>>(new ScopeRowBinder(rule.Parameters[0], row).Visit(rule.Body), row);
    }

    /// <summary>Reads each column of the token from the scope row instead; a column the row has no copy of is an error.</summary>
    private sealed class ScopeRowBinder(ParameterExpression token, ParameterExpression row) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression == token
                ? TokenScope.CopiedColumns.Contains(node.Member.Name)
                    ? Expression.Property(row, node.Member.Name)
                    : throw new InvalidOperationException($"Scope rows hold no copy of the token's {node.Member.Name}.")
                : base.VisitMember(node);

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == token ? throw new InvalidOperationException("A rule read the token itself, which a scope row is not.") : base.VisitParameter(node);
    }
}

/// <summary>The values the status rules of one listing compare with (<see cref="TokenFilters.HasValidity(TokenValidity, StatusValues)"/>).</summary>
internal sealed class StatusValues(DateTimeOffset now, TimeSpan usageActiveWindow)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>Tokens used after this are in active use.</summary>
    public DateTimeOffset ActiveSince { get; } = now - usageActiveWindow;

    public bool Active { get; } = true;

    public bool Inactive { get; }
}
