using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>
    /// The tenant policy's rule on allow-lists: with <see cref="TenantPolicySettings.RequireAllowListForWriteScopes"/>, a
    /// token that grants a write scope must carry an address allow-list. Checked when a token is created or edited.
    /// </summary>
    private TokenError? AllowListPolicyProblem(TenantPolicySettings policy, TokenDetails details) =>
        policy.RequireAllowListForWriteScopes && details.AllowedAddresses.Count == 0 && details.Scopes.FirstOrDefault(catalog.IsWrite) is { } write
            ? TokenError.Invalid("AllowedAddresses",
                $"Your organisation requires an address allow-list on tokens with write scopes ('{write}'): add the addresses or ranges it will be used from.")
            : null;
}
