using AdminPortal.Tokens.Options;

namespace AdminPortal.Tokens.Tests.Options;

public class TimeSpanRangeAttributeTests
{
    [Theory]
    [InlineData("00:00:59", false)]
    [InlineData("00:01:00", true)]
    [InlineData("00:30:00", true)]
    [InlineData("01:00:00", true)]
    [InlineData("01:00:01", false)]
    public void Time_span_is_valid_only_within_both_bounds(string value, bool valid)
    {
        var range = new TimeSpanRangeAttribute("00:01:00", "01:00:00");

        Assert.Equal(valid, range.IsValid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Out_of_range_message_names_the_setting_and_both_bounds()
    {
        var range = new TimeSpanRangeAttribute("00:00:01", "1.00:00:00") { ErrorMessage = "{0} must be between {1} and {2}." };

        Assert.Equal("Api:Window must be between 00:00:01 and 1.00:00:00.", range.FormatErrorMessage("Api:Window"));
    }

    /// <summary>
    /// Fresh attributes validated from two threads at once, as when two hosts start in one process: the framework's
    /// TimeSpan range attribute threw InvalidCastException there now and then; this one is set up before any validation.
    /// </summary>
    [Fact]
    public void New_attribute_validated_from_two_threads_at_once_never_throws()
    {
        for (var i = 0; i < 20_000; i++)
        {
            var range = new TimeSpanRangeAttribute("00:00:00", "01:00:00");
            Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ => Assert.True(range.IsValid(TimeSpan.FromMinutes(5))));
        }
    }
}
