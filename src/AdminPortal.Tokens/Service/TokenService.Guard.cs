using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>
    /// The tenant policy's rule on allow-lists: with <see cref="TenantPolicySettings.RequireAllowListForWriteScopes"/>, a
    /// token that grants a write scope must carry an address allow-list (refused naming the policy, as every policy rule).
    /// Checked when a token is created or edited.
    /// </summary>
    private TokenError? AllowListPolicyProblem(TenantPolicySettings policy, TokenDetails details) =>
        TokenPolicyRules.CheckAllowList(policy, details.Scopes, details.AllowedAddresses.Count, catalog.IsWrite);
}
