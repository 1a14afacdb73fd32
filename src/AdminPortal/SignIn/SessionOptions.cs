using AdminPortal.Tokens.Options;

namespace AdminPortal.SignIn;

/// <summary>The portal session, bound from "Authentication:Session".</summary>
public sealed class SessionOptions
{
    public const string Section = "Authentication:Session";

    /// <summary>Sliding expiry: a session unused for this long ends; every use renews it.</summary>
    [TimeSpanRange("00:05:00", "30.00:00:00", ErrorMessage = "Authentication:Session:IdleTimeout must be between 5 minutes and 30 days.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Absolute limit: a session ends this long after its sign-in, however busy it is; then the person signs in again.</summary>
    [TimeSpanRange("00:05:00", "30.00:00:00", ErrorMessage = "Authentication:Session:AbsoluteLifetime must be between 5 minutes and 30 days.")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open page (a Blazor circuit) re-checks that its user is still active and signed in.</summary>
    [TimeSpanRange("00:00:01", "01:00:00", ErrorMessage = "Authentication:Session:RevalidationInterval must be between 1 second and 1 hour.")]
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromSeconds(30);
}
