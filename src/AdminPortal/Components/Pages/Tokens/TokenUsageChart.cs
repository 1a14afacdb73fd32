using System.Globalization;
using AdminPortal.Tokens.Service;
using MudBlazor;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// The token page's chart of calls per day: one stacked bar per day (accepted, refused), labelled with the day (UTC) at
/// intervals that stay readable on a phone, every day in the tooltips.
/// </summary>
public sealed record TokenUsageChart(string[] Labels, List<ChartSeries<double>> Series)
{
    /// <summary>Accepted calls: green; refused: red (text always says which, the colours only repeat it).</summary>
    public static readonly string[] Palette = ["#43a047", "#e53935"];

    public static TokenUsageChart From(TokenUsageReport usage)
    {
        // About six labels whatever the period: one a week for 30 days, one a fortnight for 90; the last day always.
        var step = usage.Days <= 30 ? 5 : 15;
        var last = usage.Daily.Count - 1;
        var labels = usage.Daily
            .Select((d, i) => (last - i) % step == 0 ? d.Day.ToString("MM-dd", CultureInfo.InvariantCulture) : "")
            .ToArray();
        return new TokenUsageChart(labels,
        [
            new ChartSeries<double> { Name = "Accepted", Data = usage.Daily.Select(d => (double)d.Accepted).ToArray() },
            new ChartSeries<double> { Name = "Refused", Data = usage.Daily.Select(d => (double)d.RefusedTotal).ToArray() },
        ]);
    }
}
