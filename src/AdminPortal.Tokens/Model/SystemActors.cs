namespace AdminPortal.Tokens.Model;

/// <summary>
/// Who acts when no person does: the tenant's policy, when its clean-up revokes an unused token. Not a user (nobody can
/// sign in as it, deactivate it or own a token with it): an audit entry records its fixed id and name, as it records a
/// person's id and name, and the revoked token records the id as its revoker.
/// </summary>
public static class SystemActors
{
    /// <summary>The id recorded for the tenant policy's own actions (never the id of a user).</summary>
    public static readonly Guid TenantPolicyId = new("00000000-0000-0000-0000-00000000b011");

    /// <summary>The name the audit log shows for it.</summary>
    public const string TenantPolicyName = "Tenant policy";
}
