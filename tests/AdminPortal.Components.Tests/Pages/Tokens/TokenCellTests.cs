using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>The small pieces of a token row: status badges and date cells.</summary>
public sealed class TokenCellTests : PortalComponentTest
{
    [Fact]
    public void A_status_badge_shows_its_text_with_an_icon_and_explains_itself_in_its_tooltip()
    {
        var badge = Render<TokenStatusBadge>(p => p.Add(b => b.Badge, TokenBadges.For(TokenValidity.Revoked))).Find(".token-badge");

        Assert.Equal("Revoked", badge.TextContent.Trim());
        Assert.NotNull(badge.QuerySelector("svg"));
        Assert.StartsWith("Revoked: every call with it is refused.", badge.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_usage_badge_names_the_usage_window_in_its_tooltip()
    {
        var badge = Render<TokenStatusBadge>(p => p.Add(b => b.Badge, TokenBadges.For(TokenUsage.Inactive, TimeSpan.FromDays(7)))).Find(".token-badge");

        Assert.Equal("Inactive", badge.TextContent.Trim());
        Assert.Equal("Used, but not in the last 7 days.", badge.GetAttribute("title"));
    }

    [Fact]
    public void A_date_cell_shows_day_and_time_in_the_browser_zone_with_the_exact_time_in_the_tooltip()
    {
        var cell = Render<TokenDateCell>(p => p
            .Add(c => c.Time, new BrowserTime(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")))
            .Add(c => c.At, new DateTimeOffset(2026, 11, 29, 13, 5, 9, TimeSpan.Zero))
            .Add(c => c.Note, "revoked"));

        Assert.Equal("29 Nov 2026, 14:05:09 Europe/Berlin (UTC+01:00)", cell.Find(".token-date").GetAttribute("title"));
        Assert.Equal("29 Nov 2026", cell.Find(".token-date-day").TextContent);
        Assert.Equal("14:05 · revoked", cell.Find(".token-date-time").TextContent);
    }

    [Fact]
    public void A_date_cell_without_a_date_says_what_that_means()
    {
        var cell = Render<TokenDateCell>(p => p.Add(c => c.Time, BrowserTime.Utc).Add(c => c.At, null).Add(c => c.Missing, "Never"));

        Assert.Equal("Never", cell.Find(".token-date-missing").TextContent);
    }
}
