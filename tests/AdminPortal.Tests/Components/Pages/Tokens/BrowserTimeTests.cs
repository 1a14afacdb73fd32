using AdminPortal.Components.Pages.Tokens;

namespace AdminPortal.Tests.Components.Pages.Tokens;

public sealed class BrowserTimeTests
{
    private static readonly DateTimeOffset Winter = new(2026, 11, 29, 13, 5, 9, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 13, 5, 0, TimeSpan.Zero);

    [Fact]
    public void Daylight_saving_is_right_for_any_date()
    {
        var berlin = new BrowserTime(Zone("Europe/Berlin"));

        Assert.Equal(new DateTime(2026, 11, 29, 14, 5, 9), berlin.ToLocal(Winter));
        Assert.Equal(new DateTime(2026, 7, 1, 15, 5, 0), berlin.ToLocal(Summer));
        Assert.Equal("Europe/Berlin (UTC+01:00)", berlin.ZoneLabel(Winter));
        Assert.Equal("Europe/Berlin (UTC+02:00)", berlin.ZoneLabel(Summer));
    }

    [Fact]
    public void UTC_is_called_just_that()
    {
        Assert.Equal("UTC", BrowserTime.Utc.ZoneLabel(Winter));
        Assert.Equal("29 Nov 2026, 13:05", BrowserTime.Utc.Format(Winter));
    }

    [Fact]
    public void Local_times_go_back_to_the_same_instant()
    {
        var tokyo = new BrowserTime(Zone("Asia/Tokyo"));

        Assert.Equal(Winter, tokyo.ToUtc(tokyo.ToLocal(Winter)));
        Assert.Equal(TimeSpan.Zero, tokyo.ToUtc(tokyo.ToLocal(Winter)).Offset);
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_is_read_with_the_offset_before_the_change()
    {
        var berlin = new BrowserTime(Zone("Europe/Berlin"));

        // 29 March 2026: clocks jump from 02:00 to 03:00, so 02:30 does not exist; it is read as 03:30 (02:30+01:00).
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), berlin.ToUtc(new DateTime(2026, 3, 29, 2, 30, 0)));
    }

    [Fact]
    public void Instants_are_formatted_in_the_browser_zone()
    {
        var berlin = new BrowserTime(Zone("Europe/Berlin"));

        Assert.Equal("29 Nov 2026, 14:05", berlin.Format(Winter));
        Assert.Equal("29 Nov 2026", berlin.FormatDay(Winter));
        Assert.Equal("14:05", berlin.FormatClock(Winter));
        Assert.Equal("29 Nov 2026, 14:05:09 Europe/Berlin (UTC+01:00)", berlin.FormatPrecise(Winter));
    }

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(-59, "just now")]
    [InlineData(-60, "1 minute ago")]
    [InlineData(-5 * 60, "5 minutes ago")]
    [InlineData(-3 * 3600, "3 hours ago")]
    [InlineData(-86400, "1 day ago")]
    [InlineData(-3 * 86400, "3 days ago")]
    [InlineData(-61 * 86400, "2 months ago")]
    [InlineData(-800 * 86400, "2 years ago")]
    [InlineData(2 * 3600, "in 2 hours")]
    [InlineData(7 * 86400, "in 7 days")]
    public void Relative_times_say_how_far_away_in_the_largest_whole_unit(int seconds, string expected)
    {
        Assert.Equal(expected, BrowserTime.Relative(Winter.AddSeconds(seconds), Winter));
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
}
