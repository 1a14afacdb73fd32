using System.Globalization;

namespace AdminPortal.Components.Shared;

/// <summary>Instants shown and entered in the user's time zone; stored and queried as UTC.</summary>
public static class LocalTime
{
    /// <summary>How instants read on screen: sortable, 24-hour, no ambiguity between day and month.</summary>
    public const string DisplayFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>The zone with this IANA (or Windows) id, or UTC when the id is unknown.</summary>
    public static TimeZoneInfo FindZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The wall-clock time of <paramref name="instant"/> in <paramref name="zone"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).DateTime;

    /// <summary>
    /// The instant a wall-clock time in <paramref name="zone"/> names. A time that a daylight-saving change
    /// skips moves forward by the gap (02:30 becomes 03:30); a time it repeats is read as its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var wallClock = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(wallClock)
            // The offset in force before the gap: 02:30 in a gap from 02:00 to 03:00 becomes 03:30.
            ? zone.GetUtcOffset(wallClock.AddHours(-3))
            : zone.IsAmbiguousTime(wallClock)
                ? zone.GetAmbiguousTimeOffsets(wallClock).Max()
                : zone.GetUtcOffset(wallClock);
        return new DateTimeOffset(wallClock, offset).ToUniversalTime();
    }

    /// <summary><paramref name="instant"/> as the user reads it, e.g. "2026-05-01 14:03:22".</summary>
    public static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        ToLocal(instant, zone).ToString(DisplayFormat, CultureInfo.InvariantCulture);

    /// <summary><paramref name="instant"/> in UTC for a tooltip, e.g. "2026-05-01 12:03:22 UTC".</summary>
    public static string FormatUtc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(DisplayFormat + " 'UTC'", CultureInfo.InvariantCulture);

    /// <summary><paramref name="instant"/> for a machine: the datetime attribute of a time element.</summary>
    public static string Iso(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The zone as a reader recognises it: "Europe/Berlin (UTC+02:00)" at <paramref name="at"/>.</summary>
    public static string Describe(TimeZoneInfo zone, DateTimeOffset at)
    {
        var offset = zone.GetUtcOffset(at);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})");
    }
}
