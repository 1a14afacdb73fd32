using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace AdminPortal.Tokens.Options;

/// <summary>
/// A <see cref="TimeSpan"/> option within [<c>minimum</c>, <c>maximum</c>], both given as invariant text ("00:05:00").
/// Our own rather than <c>[Range(typeof(TimeSpan), ...)]</c>: that attribute parses its bounds lazily, on the first
/// validation, without a lock, and two validations at once (two hosts starting in one process) can see it half set up
/// and throw InvalidCastException (dotnet/runtime issue 1143; it failed a test run here). These bounds are parsed once,
/// in the constructor, and never change.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    /// <summary>The range [<paramref name="minimum"/>, <paramref name="maximum"/>], each in the invariant culture.</summary>
    /// <param name="minimum">The smallest value allowed, as "d.hh:mm:ss".</param>
    /// <param name="maximum">The largest value allowed, as "d.hh:mm:ss".</param>
    public TimeSpanRangeAttribute(string minimum, string maximum)
        : base("The field {0} must be between {1} and {2}.")
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    /// <summary>The smallest value allowed.</summary>
    public TimeSpan Minimum { get; }

    /// <summary>The largest value allowed.</summary>
    public TimeSpan Maximum { get; }

    /// <inheritdoc />
    public override bool IsValid(object? value) => value is not TimeSpan span || (span >= Minimum && span <= Maximum);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, Minimum, Maximum);
}
