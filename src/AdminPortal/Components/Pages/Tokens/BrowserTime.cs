using System.Globalization;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// The browser's time zone and the formats the token page shows instants in. Instants are stored and sent as UTC;
/// the page reads the browser's zone once (see TokensPage.razor.js) and converts for display and for the date pickers.
/// </summary>
public sealed class BrowserTime
{
    /// <summary>Until the browser has told its zone (and for browsers that do not): UTC.</summary>
    public static readonly BrowserTime Utc = new(TimeZoneInfo.Utc);

    public BrowserTime(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>
    /// The zone the browser reported: its IANA name when this server knows it (so daylight-saving changes are right
    /// for any date), else the browser's current offset from UTC in minutes (east positive).
    /// </summary>
    public static BrowserTime FromBrowser(string? ianaName, int offsetMinutes)
    {
        if (!string.IsNullOrWhiteSpace(ianaName) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaName, out var zone))
        {
            return new BrowserTime(zone);
        }

        if (offsetMinutes == 0 || Math.Abs(offsetMinutes) > 14 * 60)
        {
            return Utc;
        }

        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var label = "UTC" + FormatOffset(offset);
        return new BrowserTime(TimeZoneInfo.CreateCustomTimeZone(label, offset, label, label));
    }

    /// <summary>A short name of the zone for people, e.g. "Europe/Berlin (UTC+01:00)" or "UTC".</summary>
    public string ZoneLabel(DateTimeOffset at)
    {
        if (Zone == TimeZoneInfo.Utc)
        {
            return "UTC";
        }

        var offset = "UTC" + FormatOffset(Zone.GetUtcOffset(at));
        return Zone.Id == offset ? offset : $"{Zone.Id} ({offset})";
    }

    /// <summary>The wall-clock time in the browser's zone (for date pickers).</summary>
    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>
    /// The instant of a wall-clock time in the browser's zone. A time skipped by a daylight-saving change is read
    /// with the zone's standard offset; an ambiguous one with the standard offset too (the later of the two).
    /// </summary>
    public DateTimeOffset ToUtc(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, Zone.GetUtcOffset(wall)).ToUniversalTime();
    }

    /// <summary>"29 Nov 2026, 14:05" in the browser's zone.</summary>
    public string Format(DateTimeOffset instant) => ToLocal(instant).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"29 Nov 2026": the day in the browser's zone.</summary>
    public string FormatDay(DateTimeOffset instant) => ToLocal(instant).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"14:05": the time of day in the browser's zone.</summary>
    public string FormatClock(DateTimeOffset instant) => ToLocal(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"29 Nov 2026, 14:05:09" in the browser's zone, for tooltips.</summary>
    public string FormatPrecise(DateTimeOffset instant) =>
        ToLocal(instant).ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture) + " " + ZoneLabel(instant);

    /// <summary>"just now", "5 minutes ago", "in 3 days", "2 months ago": how far <paramref name="instant"/> is from <paramref name="now"/>.</summary>
    public static string Relative(DateTimeOffset instant, DateTimeOffset now)
    {
        var delta = instant - now;
        var span = delta.Duration();
        if (span < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }

        var amount = span switch
        {
            _ when span < TimeSpan.FromHours(1) => Count((int)span.TotalMinutes, "minute"),
            _ when span < TimeSpan.FromDays(1) => Count((int)span.TotalHours, "hour"),
            _ when span < TimeSpan.FromDays(30) => Count((int)span.TotalDays, "day"),
            _ when span < TimeSpan.FromDays(365) => Count((int)(span.TotalDays / 30), "month"),
            _ => Count((int)(span.TotalDays / 365), "year"),
        };
        return delta < TimeSpan.Zero ? amount + " ago" : "in " + amount;
    }

    private static string Count(int n, string unit) => string.Create(CultureInfo.InvariantCulture, $"{n} {unit}{(n == 1 ? "" : "s")}");

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
