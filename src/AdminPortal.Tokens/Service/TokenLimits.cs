namespace AdminPortal.Tokens.Service;

/// <summary>What the tenant policy lets one person put in their own tokens (the token service enforces the same).</summary>
/// <param name="AllowedScopes">The scopes they may put in tokens: those their role holds that the policy allows.</param>
/// <param name="MaxLifetimeDays">A token must end within this many days of being saved; null: no maximum.</param>
/// <param name="ExpiryRequired">A token must have a valid-to.</param>
/// <param name="ScopesPolicy">The name of the policy that narrows the scopes of their role; null when none does.</param>
public sealed record TokenLimits(IReadOnlySet<string> AllowedScopes, int? MaxLifetimeDays, bool ExpiryRequired, string? ScopesPolicy)
{
    /// <summary>The latest valid-to allowed for a token saved at <paramref name="now"/>; null: no maximum.</summary>
    public DateTimeOffset? LatestValidTo(DateTimeOffset now) => MaxLifetimeDays is { } days ? now.AddDays(days) : null;

    /// <summary>"Policy: at most 90 days", "Policy: a valid-to is required", or null without a lifetime rule.</summary>
    public string? LifetimeHint => MaxLifetimeDays is { } days
        ? $"Policy: at most {days} days"
        : ExpiryRequired ? "Policy: a valid-to is required" : null;

    /// <summary>Why a token ending at <paramref name="validTo"/>, saved at <paramref name="now"/>, breaks the lifetime rules (the service's own words); null if it keeps them.</summary>
    public TokenError? LifetimeProblem(DateTimeOffset? validTo, DateTimeOffset now) =>
        TokenPolicyRules.CheckLifetime(
            Model.TenantPolicySettings.Defaults with { MaxLifetimeDays = MaxLifetimeDays, RequireExpiry = ExpiryRequired }, validTo, now);
}
