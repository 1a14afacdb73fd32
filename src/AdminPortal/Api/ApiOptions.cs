using AdminPortal.Tokens.Options;
using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Api;

/// <summary>Settings of the token-authenticated API, bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Api";

    /// <summary>Failed authentications one client address (an IPv6 client's /64) may make per window before it gets 429.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Api:FailedAuthenticationLimit must be between 1 and 1000000.")]
    public int FailedAuthenticationLimit { get; set; } = 10;

    /// <summary>The window of <see cref="FailedAuthenticationLimit"/>, counted from the first failure.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00", ErrorMessage = "Api:FailedAuthenticationWindow must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan FailedAuthenticationWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Most client addresses whose failures are counted at once; when it is reached the oldest window is forgotten.
    /// Each costs about 100 bytes.
    /// </summary>
    [Range(100, 10_000_000, ErrorMessage = "Api:FailedAuthenticationTrackedAddresses must be between 100 and 10000000.")]
    public int FailedAuthenticationTrackedAddresses { get; set; } = 100_000;
}
