using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Api;

/// <summary>Settings of the token-authenticated API, bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Api";

    /// <summary>Failed authentications one client address may make per window before it gets 429.</summary>
    [Range(1, 1_000_000)]
    public int FailedAuthenticationLimit { get; set; } = 10;

    /// <summary>The window of <see cref="FailedAuthenticationLimit"/>, counted from the first failure.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedAuthenticationWindow { get; set; } = TimeSpan.FromMinutes(1);
}
