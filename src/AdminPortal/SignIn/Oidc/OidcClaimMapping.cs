using System.Security.Claims;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Users;

namespace AdminPortal.SignIn.Oidc;

/// <summary>Turns the claims of a validated id_token into the portal's person: role, tenant, name and e-mail.</summary>
internal static class OidcClaimMapping
{
    /// <summary>Roles in the order they win when a person's values map to more than one.</summary>
    private static readonly Role[] Precedence = [Role.FullAdmin, Role.SecurityReader, Role.User];

    /// <summary>The profile to sign in with; throws <see cref="SignInRejectedException"/> when the claims do not allow it.</summary>
    public static SignInProfile ToProfile(OidcOptions options, ClaimsIdentity claims)
    {
        var subject = Value(claims, "sub") ?? throw new SignInRejectedException(SignInFailure.Failed, "The id_token has no 'sub' claim.");
        var (tenantKey, tenantName) = Tenant(options, claims);
        var email = Value(claims, options.EmailClaim) ?? "";
        var name = Value(claims, options.NameClaim) ?? (email.Length > 0 ? email : subject);
        return new SignInProfile(tenantKey, tenantName, subject, name, email, RoleOf(options, claims));
    }

    /// <summary>The role the person's role or group values give, or User/refusal when none maps.</summary>
    public static Role RoleOf(OidcOptions options, ClaimsIdentity claims)
    {
        var values = claims.FindAll(options.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var role in Precedence)
        {
            if (options.ValuesOf(role).Any(values.Contains))
            {
                return role;
            }
        }

        return options.UnmappedUsers == UnmappedUserPolicy.User
            ? Role.User
            : throw new SignInRejectedException(SignInFailure.NoRole, $"No value of the '{options.RoleClaim}' claim maps to a portal role.");
    }

    /// <summary>
    /// The tenant key and subject the claims name, when both are there, whether or not the sign-in is allowed: a refused
    /// sign-in of a person the portal knows is recorded in that tenant's audit log.
    /// </summary>
    public static (string TenantKey, string SubjectId)? PersonOf(OidcOptions options, ClaimsIdentity claims) =>
        (!string.IsNullOrWhiteSpace(options.FixedTenant) ? options.FixedTenant : Value(claims, options.TenantClaim!)) is { } tenant
        && Value(claims, "sub") is { } subject
            ? (tenant, subject)
            : null;

    private static (string Key, string Name) Tenant(OidcOptions options, ClaimsIdentity claims)
    {
        if (!string.IsNullOrWhiteSpace(options.FixedTenant))
        {
            return (options.FixedTenant, string.IsNullOrWhiteSpace(options.FixedTenantName) ? options.FixedTenant : options.FixedTenantName);
        }

        var key = Value(claims, options.TenantClaim!)
            ?? throw new SignInRejectedException(SignInFailure.NoTenant, $"The id_token has no '{options.TenantClaim}' claim.");
        if (options.AllowedTenants.Count > 0 && !options.AllowedTenants.Contains(key, StringComparer.Ordinal))
        {
            throw new SignInRejectedException(SignInFailure.NoTenant, $"The tenant '{key}' is not one of Authentication:Oidc:AllowedTenants.");
        }

        var name = options.TenantNameClaim is { Length: > 0 } nameClaim ? Value(claims, nameClaim) : null;
        return (key, name ?? key);
    }

    private static string? Value(ClaimsIdentity claims, string type) =>
        claims.FindFirst(type)?.Value is { Length: > 0 } value ? value.Trim() : null;
}
