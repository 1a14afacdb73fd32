using System.Globalization;
using AdminPortal.Components.Shared;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// How the token page shows instants: in the browser's time zone (asked once per circuit by the shared
/// <see cref="BrowserTimeZone"/>; UTC when the browser names a zone this server does not know). Instants are stored
/// and sent as UTC; conversions are the shared <see cref="LocalTime"/> ones, so every page reads a time the same way.
/// </summary>
public sealed class BrowserTime(TimeZoneInfo zone)
{
    /// <summary>Times in UTC.</summary>
    public static readonly BrowserTime Utc = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; } = zone;

    /// <summary>A short name of the zone for people, e.g. "Europe/Berlin (UTC+01:00)" or "UTC".</summary>
    public string ZoneLabel(DateTimeOffset at) => Zone == TimeZoneInfo.Utc ? "UTC" : LocalTime.Describe(Zone, at);

    /// <summary>The wall-clock time in the browser's zone (for date pickers).</summary>
    public DateTime ToLocal(DateTimeOffset instant) => LocalTime.ToLocal(instant, Zone);

    /// <summary>The instant of a wall-clock time in the browser's zone (see <see cref="LocalTime.ToInstant"/> for daylight-saving edges).</summary>
    public DateTimeOffset ToUtc(DateTime local) => LocalTime.ToInstant(local, Zone);

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
}
