using System.Globalization;
using System.Linq.Expressions;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// A keyset (seek) cursor: the sort key and GUID of the last row of a page, opaque to callers (base64url). The next page
/// starts right after that row through the sort's index, however deep it is, instead of skipping every row before it.
/// </summary>
internal sealed record TokenCursor(TokenSort Sort, bool Descending, long? Ticks, string? Text, string Guid)
{
    /// <summary>Sorts with a stored, indexed key (the active-first sort depends on the time of the call).</summary>
    public static bool Supports(TokenSort sort) => sort != TokenSort.IsActive;

    /// <summary>The cursor after <paramref name="token"/> in <paramref name="sort"/>.</summary>
    public static string After(ApiToken token, TokenSort sort, bool descending)
    {
        var cursor = sort switch
        {
            TokenSort.Name => new TokenCursor(sort, descending, null, token.NameKey, token.GuidText),
            TokenSort.LastUsed => new TokenCursor(sort, descending, token.LastUsedAt?.UtcTicks, null, token.GuidText),
            TokenSort.Expires => new TokenCursor(sort, descending, token.EndsAt.UtcTicks, null, token.GuidText),
            TokenSort.ActiveFrom => new TokenCursor(sort, descending, token.StartsAt.UtcTicks, null, token.GuidText),
            TokenSort.Created => new TokenCursor(sort, descending, token.CreatedAt.UtcTicks, null, token.GuidText),
            _ => throw new ArgumentOutOfRangeException(nameof(sort)),
        };
        return cursor.Encode();
    }

    public string Encode()
    {
        var key = Text is not null ? "s" + Text : Ticks is { } ticks ? "t" + ticks.ToString(CultureInfo.InvariantCulture) : "n";
        return CursorText.Encode("1", ((int)Sort).ToString(CultureInfo.InvariantCulture), Descending ? "d" : "a", Guid, key);
    }

    /// <summary>The cursor in <paramref name="text"/>, or null when it is not one this service made.</summary>
    public static TokenCursor? Decode(string text)
    {
        if (CursorText.Decode(text, 5) is not ["1", var sortText, ("a" or "d") and var order, var guid, var key] || key.Length == 0
            || !int.TryParse(sortText, NumberStyles.None, CultureInfo.InvariantCulture, out var sortNumber)
            || !Enum.IsDefined((TokenSort)sortNumber) || !Supports((TokenSort)sortNumber)
            || !System.Guid.TryParseExact(guid, "D", out _))
        {
            return null;
        }

        var sort = (TokenSort)sortNumber;
        var descending = order == "d";
        return (key[0], sort) switch
        {
            ('s', TokenSort.Name) => new TokenCursor(sort, descending, null, key[1..], guid),
            ('n', TokenSort.LastUsed) when key.Length == 1 => new TokenCursor(sort, descending, null, null, guid),
            ('t', not TokenSort.Name) when long.TryParse(key[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
                => new TokenCursor(sort, descending, ticks, null, guid),
            _ => null,
        };
    }

    /// <summary>
    /// The rows after this cursor in its sort (which the query must use, with the GUID as tie-breaker in the same
    /// direction), as one or two segments to read one after the other, each a range its index seeks to.
    /// <paramref name="nullsSortFirst"/> as for <see cref="TokenSorting.SortBy"/>: false (PostgreSQL), the last use is
    /// sought by the key of <see cref="PostgresLastUseOrder"/>; true (SQLite), never-used tokens (null) are their own
    /// segment, because "this range or never used" is an OR that SQLite's index cannot seek through (it read the tenant's
    /// index from its start: 70 ms 5,000 pages deep in a million tokens).
    /// </summary>
    public IReadOnlyList<IQueryable<ApiToken>> Seek(IQueryable<ApiToken> tokens, bool nullsSortFirst)
    {
        var at = Ticks is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null;
        return Sort switch
        {
            TokenSort.Name => [tokens.Where(Beyond<string>(t => t.NameKey, Text!))],
            TokenSort.Created => [tokens.Where(Beyond<DateTimeOffset>(t => t.CreatedAt, at!.Value))],
            TokenSort.Expires => [tokens.Where(Beyond<DateTimeOffset>(t => t.EndsAt, at!.Value))],
            TokenSort.ActiveFrom => [tokens.Where(Beyond<DateTimeOffset>(t => t.StartsAt, at!.Value))],
            TokenSort.LastUsed when !nullsSortFirst => [tokens.Where(Beyond(PostgresLastUseOrder.Key, at ?? DateTimeOffset.MinValue))],
            TokenSort.LastUsed => SeekLastUse(tokens, at),
            _ => throw new InvalidOperationException("No cursor for this sort."),
        };
    }

    // Never-used tokens (null) come first when ascending and last when descending, as TokenSorting orders them on every engine.
    private IQueryable<ApiToken>[] SeekLastUse(IQueryable<ApiToken> tokens, DateTimeOffset? at)
    {
        var guid = new Holder<string>(Guid);
        var neverUsed = tokens.Where(t => t.LastUsedAt == null);
        return (at, Descending) switch
        {
            (null, false) => [neverUsed.Where(t => t.GuidText.CompareTo(guid.Value) > 0), tokens.Where(t => t.LastUsedAt != null)],
            (null, true) => [neverUsed.Where(t => t.GuidText.CompareTo(guid.Value) < 0)],
            (_, false) => [tokens.Where(Beyond<DateTimeOffset?>(t => t.LastUsedAt, at))],
            (_, true) => [tokens.Where(Beyond<DateTimeOffset?>(t => t.LastUsedAt, at)), neverUsed],
        };
    }

    /// <summary>
    /// key ≥ value and (key &gt; value or GUID &gt; last GUID), mirrored when descending: the first part is a range the
    /// index seeks to; the second skips the rows of the same key up to the last one returned.
    /// </summary>
    private Expression<Func<ApiToken, bool>> Beyond<TKey>(Expression<Func<ApiToken, TKey>> key, TKey value)
    {
        var row = key.Parameters[0];
        var keyValue = Expression.Property(Expression.Constant(new Holder<TKey>(value)), nameof(Holder<TKey>.Value));
        var guidValue = Expression.Property(Expression.Constant(new Holder<string>(Guid)), nameof(Holder<string>.Value));
        var guid = Expression.Property(row, nameof(ApiToken.GuidText));
        var zero = Expression.Constant(0);
        var compare = typeof(string).GetMethod(nameof(string.CompareTo), [typeof(string)])!;

        Expression Test(Expression left, Expression right, bool strict)
        {
            if (left.Type == typeof(string))
            {
                left = Expression.Call(left, compare, right);
                right = zero;
            }

            return (Descending, strict) switch
            {
                (false, true) => Expression.GreaterThan(left, right),
                (false, false) => Expression.GreaterThanOrEqual(left, right),
                (true, true) => Expression.LessThan(left, right),
                (true, false) => Expression.LessThanOrEqual(left, right),
            };
        }

        var body = Expression.AndAlso(
            Test(key.Body, keyValue, strict: false),
            Expression.OrElse(Test(key.Body, keyValue, strict: true), Test(guid, guidValue, strict: true)));
        return Expression.Lambda<Func<ApiToken, bool>>(body, row);
    }

    /// <summary>Makes EF Core send a value as a parameter (a captured variable) rather than inline it in the SQL.</summary>
    private sealed class Holder<T>(T value)
    {
        public T Value { get; } = value;
    }
}
