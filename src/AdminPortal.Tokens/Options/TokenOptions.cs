using System.ComponentModel.DataAnnotations;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Options;

/// <summary>Settings of the token domain, bound from the "Tokens" section.</summary>
public sealed class TokenOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Tokens";

    /// <summary>Product prefix of every secret (2-10 lower-case letters).</summary>
    [Required]
    [RegularExpression("^[a-z]{2,10}$", ErrorMessage = "Tokens:SecretPrefix must be 2-10 lower-case letters.")]
    public string SecretPrefix { get; set; } = "adp";

    /// <summary>Most usable (not revoked, not expired) tokens one owner may hold.</summary>
    [Range(1, 10_000)]
    public int MaxUsableTokensPerOwner { get; set; } = 10;

    /// <summary>A token used within this window has usage status Active.</summary>
    [TimeSpanRange("01:00:00", "365.00:00:00")]
    public TimeSpan UsageActiveWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tolerance for "not in the past" checks on dates sent by clients.</summary>
    [TimeSpanRange("00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often recorded usage is written to the database (at most one write per token per interval).</summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan UsageWriteInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a verification answer for a known secret is served from memory. Changes made through this process's
    /// services take effect at once; this bounds how late a change made by another process (the command line, another
    /// node) is seen.
    /// </summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan VerificationCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a well-formed secret that no token has is remembered as unknown.</summary>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan UnknownSecretCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most secrets the verification cache holds.</summary>
    [Range(100, 10_000_000)]
    public int VerificationCacheSize { get; set; } = 100_000;

    /// <summary>Base64 key of at least 32 bytes: secrets are then hashed with HMAC-SHA256 instead of SHA-256.</summary>
    public string? HashKey { get; set; }

    /// <summary>The scopes of the API; empty means the built-in set.</summary>
    public List<ScopeDefinition> Scopes { get; set; } = [];

    /// <summary>The scopes each role holds; a role left out gets its built-in set.</summary>
    public Dictionary<Role, List<string>> RoleScopes { get; set; } = [];
}
