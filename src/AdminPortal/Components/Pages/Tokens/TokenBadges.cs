using System.Globalization;
using AdminPortal.Tokens.Model;
using Radzen;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>How a status looks: text and colour always together (never colour alone), an icon, and what it means.</summary>
public sealed record StatusBadge(string Text, BadgeStyle Style, string Icon, string Meaning);

/// <summary>The badges of the "Is active" (validity) and "Usage" columns.</summary>
public static class TokenBadges
{
    public static StatusBadge For(TokenValidity validity) => validity switch
    {
        TokenValidity.Valid => new("Active", BadgeStyle.Success, "check_circle", "Can authenticate now."),
        TokenValidity.Scheduled => new("Scheduled", BadgeStyle.Info, "schedule", "Not active yet: its valid-from time is in the future."),
        TokenValidity.Expired => new("Expired", BadgeStyle.Base, "event_busy", "Its valid-to time has passed; it can no longer be used."),
        TokenValidity.Revoked => new("Revoked", BadgeStyle.Danger, "block", "Revoked: every call with it is refused. It can be restored until it expires."),
        TokenValidity.Suspended => new("Suspended", BadgeStyle.Warning, "pause_circle", "Its owner is deactivated: every call with it gets \"permission denied\"."),
        _ => throw new ArgumentOutOfRangeException(nameof(validity)),
    };

    public static StatusBadge For(TokenUsage usage, TimeSpan window) => usage switch
    {
        TokenUsage.Generated => new("Generated", BadgeStyle.Info, "fiber_new", "Never used."),
        TokenUsage.Active => new("Active", BadgeStyle.Success, "trending_up", $"Used in the last {Window(window)}."),
        TokenUsage.Inactive => new("Inactive", BadgeStyle.Warning, "trending_flat", $"Used, but not in the last {Window(window)}."),
        _ => throw new ArgumentOutOfRangeException(nameof(usage)),
    };

    /// <summary>"7 days", "36 hours": the usage window as the filter and tooltips say it.</summary>
    public static string Window(TimeSpan window) =>
        window.TotalDays >= 1 && window.TotalDays == Math.Floor(window.TotalDays)
            ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays:0} day{(window.TotalDays == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0.#} hours");
}
