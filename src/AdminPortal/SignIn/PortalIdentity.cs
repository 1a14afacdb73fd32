using System.Globalization;
using System.Security.Claims;
using AdminPortal.Tokens.Model;

namespace AdminPortal.SignIn;

/// <summary>The signed-in person as the portal's cookie carries them. Every action re-checks them in the token service.</summary>
public sealed record PortalIdentity(Guid UserId, string DisplayName, string Email, Role Role, Guid TenantId, string TenantName)
{
    private const string UserIdClaim = "adminportal:user_id";
    private const string TenantIdClaim = "adminportal:tenant_id";
    private const string TenantNameClaim = "adminportal:tenant_name";

    /// <summary>Whether this person sees the whole tenant.</summary>
    public bool IsFullAdmin => Role == Role.FullAdmin;

    /// <summary>The claims of the session cookie.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(UserIdClaim, UserId.ToString()),
                new Claim(ClaimTypes.Name, DisplayName),
                new Claim(ClaimTypes.Email, Email),
                new Claim(ClaimTypes.Role, Role.ToString()),
                new Claim(TenantIdClaim, TenantId.ToString()),
                new Claim(TenantNameClaim, TenantName),
            ],
            authenticationType));

    /// <summary>The identity of a principal made by <see cref="ToPrincipal"/>, or null.</summary>
    public static PortalIdentity? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Guid.TryParse(principal.FindFirstValue(UserIdClaim), CultureInfo.InvariantCulture, out var userId)
            || !Guid.TryParse(principal.FindFirstValue(TenantIdClaim), CultureInfo.InvariantCulture, out var tenantId)
            || !Enum.TryParse<Role>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }

        return new PortalIdentity(userId, principal.FindFirstValue(ClaimTypes.Name) ?? "", principal.FindFirstValue(ClaimTypes.Email) ?? "",
            role, tenantId, principal.FindFirstValue(TenantNameClaim) ?? "");
    }

    /// <summary>The identity of a user just signed in.</summary>
    public static PortalIdentity Of(PortalUser user, string tenantName) =>
        new(user.Id, user.DisplayName, user.Email, user.Role, user.TenantId, tenantName);
}
