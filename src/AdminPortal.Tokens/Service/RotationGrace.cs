using System.Globalization;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>One grace period a roll offers: how long, and its words.</summary>
public sealed record GraceChoice(TimeSpan Length, string Label);

/// <summary>
/// How long a roll lets the old secret keep working: the portal offers none, 1 hour, 1 day and 7 days; a tenant's
/// policy (<see cref="TenantPolicySettings.MaxRotationGraceHours"/>) may allow less. The same rule fills the roll
/// dialog's choices and refuses a longer grace from any caller.
/// </summary>
public static class RotationGrace
{
    /// <summary>The longest grace period the portal gives: <see cref="TokenService.LongestRotationGraceHours"/>.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(TokenService.LongestRotationGraceHours);

    private static readonly GraceChoice[] Offered =
    [
        new(TimeSpan.Zero, "None: the old secret stops at once"),
        new(TimeSpan.FromHours(1), "1 hour"),
        new(TimeSpan.FromDays(1), "1 day"),
        new(TimeSpan.FromDays(7), "7 days"),
    ];

    /// <summary>The longest grace <paramref name="policy"/> allows.</summary>
    public static TimeSpan LongestAllowed(TenantPolicySettings policy) =>
        policy.MaxRotationGraceHours is { } hours ? TimeSpan.FromHours(Math.Min(hours, TokenService.LongestRotationGraceHours)) : Longest;

    /// <summary>The choices a roll offers under <paramref name="policy"/>, shortest first; "none" is always one.</summary>
    public static IReadOnlyList<GraceChoice> ChoicesUnder(TenantPolicySettings policy)
    {
        var longest = LongestAllowed(policy);
        return [.. Offered.Where(c => c.Length <= longest)];
    }

    /// <summary>Why <paramref name="grace"/> is refused under <paramref name="policy"/>, or null when a roll may give it.</summary>
    public static TokenError? Refusal(TimeSpan grace, TenantPolicySettings policy)
    {
        if (grace < TimeSpan.Zero)
        {
            return TokenError.Invalid("Grace", "The grace period cannot be negative; use none (0) to stop the old secret at once.");
        }

        if (grace > Longest)
        {
            return TokenError.Invalid("Grace", $"The grace period can be at most {Describe(Longest)}.");
        }

        var allowed = LongestAllowed(policy);
        return grace > allowed
            ? TokenError.Invalid("Grace",
                $"The token policy's longest rotation grace is {Describe(allowed)}: a grace period of {Describe(grace)} is not allowed.")
            : null;
    }

    /// <summary>
    /// Reads a grace period as the API and the command line take it: an ISO 8601 duration ("PT1H", "P1D", "P7D", "PT0S"),
    /// or "none", or a whole number of minutes, hours or days ("90m", "1h", "7d"). False for anything else.
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan grace)
    {
        grace = TimeSpan.Zero;
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            return false;
        }

        if (value.Equals("none", StringComparison.OrdinalIgnoreCase) || value == "0")
        {
            return true;
        }

        if (value[0] is 'P' or 'p' or '-')
        {
            try
            {
                grace = System.Xml.XmlConvert.ToTimeSpan(value.ToUpperInvariant());
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        var unit = char.ToLowerInvariant(value[^1]);
        if (unit is not ('m' or 'h' or 'd') || !int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
        {
            return false;
        }

        grace = unit switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
        return true;
    }

    /// <summary>The ISO 8601 form of <paramref name="grace"/> ("PT1H", "P7D", "PT0S").</summary>
    public static string Iso(TimeSpan grace) => System.Xml.XmlConvert.ToString(grace);

    /// <summary>"none", "1 hour", "36 hours", "7 days", "90 minutes".</summary>
    public static string Describe(TimeSpan grace)
    {
        static string Count(double n, string unit) => $"{n.ToString("0.##", CultureInfo.InvariantCulture)} {unit}{(n == 1 ? "" : "s")}";
        if (grace <= TimeSpan.Zero)
        {
            return "none";
        }

        return grace.Ticks % TimeSpan.TicksPerDay == 0 ? Count(grace.TotalDays, "day")
            : grace.Ticks % TimeSpan.TicksPerHour == 0 ? Count(grace.TotalHours, "hour")
            : grace.Ticks % TimeSpan.TicksPerMinute == 0 ? Count(grace.TotalMinutes, "minute")
            : Count(Math.Round(grace.TotalSeconds, 2), "second");
    }
}
