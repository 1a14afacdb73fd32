using System.Globalization;
using AdminPortal.Tokens.Model;
using MudBlazor;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>How a status looks: text and colour always together (never colour alone), an icon, and what it means.</summary>
public sealed record StatusBadge(string Text, Color Color, string Icon, string Meaning);

/// <summary>The badges of the "Is active" (validity) and "Usage" columns.</summary>
public static class TokenBadges
{
    public static StatusBadge For(TokenValidity validity) => validity switch
    {
        TokenValidity.Valid => new("Active", Color.Success, Icons.Material.Outlined.CheckCircle, "Can authenticate now."),
        TokenValidity.Scheduled => new("Scheduled", Color.Info, Icons.Material.Outlined.Schedule, "Not active yet: its valid-from time is in the future."),
        TokenValidity.Expired => new("Expired", Color.Default, Icons.Material.Outlined.EventBusy, "Its valid-to time has passed; it can no longer be used."),
        TokenValidity.Revoked => new("Revoked", Color.Error, Icons.Material.Outlined.Block, "Revoked: every call with it is refused. It can be restored until it expires."),
        TokenValidity.Suspended => new("Suspended", Color.Warning, Icons.Material.Outlined.PauseCircle, "Its owner is deactivated: every call with it gets \"permission denied\"."),
        _ => throw new ArgumentOutOfRangeException(nameof(validity)),
    };

    public static StatusBadge For(TokenUsage usage, TimeSpan window) => usage switch
    {
        TokenUsage.Generated => new("Generated", Color.Info, Icons.Material.Outlined.FiberNew, "Never used."),
        TokenUsage.Active => new("Active", Color.Success, Icons.Material.Outlined.TrendingUp, $"Used in the last {Window(window)}."),
        TokenUsage.Inactive => new("Inactive", Color.Warning, Icons.Material.Outlined.TrendingFlat, $"Used, but not in the last {Window(window)}."),
        _ => throw new ArgumentOutOfRangeException(nameof(usage)),
    };

    /// <summary>"7 days", "36 hours": the usage window as the filter and tooltips say it.</summary>
    public static string Window(TimeSpan window) =>
        window.TotalDays >= 1 && window.TotalDays == Math.Floor(window.TotalDays)
            ? string.Create(CultureInfo.InvariantCulture, $"{window.TotalDays:0} day{(window.TotalDays == 1 ? "" : "s")}")
            : string.Create(CultureInfo.InvariantCulture, $"{window.TotalHours:0.#} hours");
}
