using AdminPortal.Tokens.Model;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// The organisation's OpenID Connect provider, bound from "Authentication:Oidc". Named like the options of ASP.NET Core's
/// OpenID Connect handler, which <see cref="OidcSignIn"/> configures from them.
/// Unset <see cref="Authority"/> means "no provider": the development sign-in in Development, a refusal to start elsewhere.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Authentication:Oidc";

    /// <summary>The issuer; discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Sent to the token and pushed-authorization endpoints only (client_secret_post); never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Requested scopes; "openid" is always sent, and "offline_access" too when the provider lists it (for refresh tokens).</summary>
    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>Where the provider sends the browser back with the code (register it at the provider).</summary>
    public string CallbackPath { get; set; } = "/signin-oidc";

    /// <summary>Where the provider sends the browser back after ending its session (register it at the provider).</summary>
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";

    /// <summary>Discovery and keys over HTTPS only; turn off only for a provider on the loopback interface.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Tolerated clock difference for the id_token's exp, nbf and iat.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Shortest time between two metadata refreshes forced by an unknown signing key (key rollover).</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a signed-in person's role and tenant are checked again with the provider (refresh token grant) while
    /// their session is in use; a refused refresh ends the session.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether claims are also read from the provider's userinfo endpoint (for providers that keep roles out of the id_token).</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }

    /// <summary>The claim that carries role or group values ("roles", "groups", or a custom claim).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Which values of <see cref="RoleClaim"/> give each role; FullAdmin wins over SecurityReader over User.</summary>
    public Dictionary<Role, List<string>> RoleValues { get; set; } = [];

    /// <summary>What a signed-in person whose claims give no role gets.</summary>
    public UnmappedUserPolicy UnmappedUsers { get; set; } = UnmappedUserPolicy.Refuse;

    /// <summary>The claim that carries the tenant key (for example "tid"); or set <see cref="FixedTenant"/>.</summary>
    public string? TenantClaim { get; set; }

    /// <summary>The claim with the tenant's display name; the tenant key when unset or absent.</summary>
    public string? TenantNameClaim { get; set; }

    /// <summary>Every person belongs to this tenant key; instead of <see cref="TenantClaim"/>.</summary>
    public string? FixedTenant { get; set; }

    /// <summary>Display name of <see cref="FixedTenant"/>.</summary>
    public string? FixedTenantName { get; set; }

    /// <summary>When not empty, only these tenant keys may sign in.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    public string NameClaim { get; set; } = "name";

    public string EmailClaim { get; set; } = "email";

    /// <summary>Whether a provider is configured at all.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    internal IReadOnlyList<string> ValuesOf(Role role) => RoleValues.TryGetValue(role, out var values) ? values : [];
}

/// <summary>What happens to a person the provider authenticates but whose claims map to no portal role.</summary>
public enum UnmappedUserPolicy
{
    /// <summary>The sign-in is refused with a page that says so.</summary>
    Refuse = 0,

    /// <summary>They sign in as <see cref="Role.User"/>.</summary>
    User = 1,
}
