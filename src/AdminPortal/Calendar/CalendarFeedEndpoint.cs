using System.Security.Cryptography;
using System.Text;
using AdminPortal.Tokens.Calendar;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace AdminPortal.Calendar;

/// <summary>
/// GET /calendar/{key}.ics: a person's token expiries as an iCalendar feed, for a calendar application to subscribe to.
/// The feed key in the address is the only credential (no cookie, no API token): it opens this read-only list and
/// nothing else, and its person replaces or revokes it in the portal. Each event names a token and its expiry only:
/// no GUID (the UID is an opaque hash), no secret, no scopes.
/// </summary>
public static class CalendarFeedEndpoint
{
    /// <summary>The feed's address for a key.</summary>
    public static string PathOf(string key) => $"/calendar/{key}.ics";

    /// <summary>Maps the feed.</summary>
    public static IEndpointRouteBuilder MapCalendarFeed(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{key}.ics", ReadAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ReadAsync(string key, HttpContext context, CalendarFeeds feeds, CancellationToken ct)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "private, no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex";
        var feed = await feeds.ReadAsync(key, ct);
        if (feed is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Text(Render(feed), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The feed as iCalendar text: one event at each token's expiry, with a reminder a week before.</summary>
    public static string Render(CalendarFeed feed)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//AdminPortal//Token expiries//EN" };
        calendar.AddProperty("X-WR-CALNAME", "API token expiries");
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT6H");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT6H");
        var stamp = new CalDateTime(feed.At.UtcDateTime, CalDateTime.UtcTzId);
        foreach (var entry in feed.Entries)
        {
            var at = new CalDateTime(entry.ExpiresAt.UtcDateTime, CalDateTime.UtcTzId);
            var expiry = new CalendarEvent
            {
                Uid = Uid(feed.OwnerId, entry.TokenId),
                Summary = $"API token '{entry.Name}' expires",
                DtStamp = stamp,
                Start = at,
                End = at,
                Transparency = TransparencyType.Transparent,
            };
            expiry.Alarms.Add(new Alarm
            {
                Action = AlarmAction.Display,
                Description = $"API token '{entry.Name}' expires in 7 days",
                Trigger = new Trigger(Duration.FromDays(-7)),
            });
            calendar.Events.Add(expiry);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    // Stable per token and person, so that calendar applications update an event rather than add one; reveals neither GUID.
    private static string Uid(Guid ownerId, Guid tokenId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"{ownerId:N}:{tokenId:N}")))[..32] + "@adminportal";
}
