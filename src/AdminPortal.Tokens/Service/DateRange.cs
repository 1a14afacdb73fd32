namespace AdminPortal.Tokens.Service;

/// <summary>
/// A range of instants [<see cref="From"/>, <see cref="To"/>): from included, to excluded, either end open when null.
/// A token whose date is absent (never expires, never used) is in no range that has an end set.
/// </summary>
public readonly record struct DateRange(DateTimeOffset? From, DateTimeOffset? To)
{
    /// <summary>Whether either end is set.</summary>
    public bool IsSet => From is not null || To is not null;

    /// <summary>The rule in memory (the database filter is <see cref="TokenFilters.Within"/>, and a test keeps them equal).</summary>
    public bool Contains(DateTimeOffset? at) =>
        !IsSet || (at is { } value && (From is not { } from || value >= from) && (To is not { } to || value < to));
}
