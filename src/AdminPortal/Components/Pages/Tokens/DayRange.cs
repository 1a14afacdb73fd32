using System.Globalization;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// A range of whole days, both included, as the filter bar picks them and the address carries them
/// (<c>2026-11-01..2026-11-30</c>, <c>..2027-01-01</c>, <c>2026-12-01..</c>); days are the browser's.
/// </summary>
public readonly record struct DayRange(DateOnly? From, DateOnly? To)
{
    private const string Format = "yyyy-MM-dd";

    public bool IsSet => From is not null || To is not null;

    /// <summary>The range of instants: from the first day's midnight to the midnight after the last day, in <paramref name="time"/>'s zone.</summary>
    public InstantRange ToInstants(BrowserTime time) => new(
        From is { } from ? time.ToUtc(from.ToDateTime(TimeOnly.MinValue)) : null,
        To is { } to ? time.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue)) : null);

    /// <summary>"from..to" with either side empty; "" when not set.</summary>
    public override string ToString() => IsSet ? $"{From?.ToString(Format, CultureInfo.InvariantCulture)}..{To?.ToString(Format, CultureInfo.InvariantCulture)}" : "";

    /// <summary>The range an address gives; an unreadable one, or one that ends before it starts, is no range.</summary>
    public static DayRange Parse(string? text)
    {
        var parts = (text ?? "").Split("..");
        if (parts.Length != 2 || !Day(parts[0], out var from) || !Day(parts[1], out var to) || (from is { } f && to is { } t && t < f))
        {
            return default;
        }

        return new DayRange(from, to);
    }

    private static bool Day(string text, out DateOnly? day)
    {
        day = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }
}
