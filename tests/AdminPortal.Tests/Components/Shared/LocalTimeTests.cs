using AdminPortal.Components.Shared;

namespace AdminPortal.Tests.Components.Shared;

public sealed class LocalTimeTests
{
    private static readonly TimeZoneInfo Berlin = LocalTime.FindZone("Europe/Berlin");

    [Fact]
    public void Instant_is_shown_in_the_users_zone() =>
        Assert.Equal("2026-07-01 14:03:22", LocalTime.Format(new DateTimeOffset(2026, 7, 1, 12, 3, 22, TimeSpan.Zero), Berlin));

    [Fact]
    public void Wall_clock_time_becomes_the_instant_it_names_in_summer_and_winter()
    {
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), LocalTime.ToInstant(new DateTime(2026, 7, 1, 10, 0, 0), Berlin));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero), LocalTime.ToInstant(new DateTime(2026, 1, 1, 10, 0, 0), Berlin));
    }

    [Fact]
    public void Time_skipped_by_the_spring_change_moves_forward_by_the_gap()
    {
        // 2026-03-29 02:30 does not exist in Berlin: clocks go from 02:00 CET to 03:00 CEST.
        var instant = LocalTime.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal("2026-03-29 03:30:00", LocalTime.Format(instant, Berlin));
    }

    [Fact]
    public void Time_repeated_by_the_autumn_change_is_its_first_occurrence() =>
        // 2026-10-25 02:30 happens twice in Berlin; the first is still CEST (UTC+2).
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero),
            LocalTime.ToInstant(new DateTime(2026, 10, 25, 2, 30, 0), Berlin));

    [Fact]
    public void Round_trip_keeps_the_instant()
    {
        var instant = new DateTimeOffset(2026, 11, 29, 23, 59, 0, TimeSpan.Zero);

        Assert.Equal(instant, LocalTime.ToInstant(LocalTime.ToLocal(instant, Berlin), Berlin));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public void Unknown_zone_is_utc(string? id) => Assert.Same(TimeZoneInfo.Utc, LocalTime.FindZone(id));

    [Fact]
    public void Zone_is_described_with_its_offset_at_the_time()
    {
        Assert.Equal("Europe/Berlin (UTC+02:00)", LocalTime.Describe(Berlin, new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("America/St_Johns (UTC-03:30)",
            LocalTime.Describe(LocalTime.FindZone("America/St_Johns"), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Utc_forms_are_unambiguous()
    {
        var instant = new DateTimeOffset(2026, 5, 1, 14, 3, 22, TimeSpan.FromHours(2));

        Assert.Equal("2026-05-01 12:03:22 UTC", LocalTime.FormatUtc(instant));
        Assert.Equal("2026-05-01T12:03:22Z", LocalTime.Iso(instant));
    }
}
