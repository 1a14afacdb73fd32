using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>
    /// What the caller may put in their own tokens under the tenant policy: the scope pickers offer these scopes only,
    /// and the date pickers end at the latest valid-to.
    /// </summary>
    public async Task<Result<TokenLimits>> LimitsForAsync(Guid actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadActorAsync(db, actorId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }

        var actor = loaded.Value;
        var policy = await LoadPolicyAsync(db, actor.TenantId, ct);
        return new TokenLimits(
            TokenPolicyRules.AllowedScopes(policy, actor.Role, catalog.ScopesOf(actor.Role)),
            policy.MaxLifetimeDays,
            TokenPolicyRules.ExpiryRequired(policy),
            policy.ScopesByRole.ContainsKey(actor.Role) ? TokenPolicyRules.ScopesName(actor.Role) : null);
    }

    /// <summary>
    /// Why the tenant policy refuses a token of <paramref name="owner"/> made by <paramref name="actor"/> with
    /// <paramref name="scopes"/> (those the change adds) ending at <paramref name="validTo"/>; null when it allows it. The
    /// scopes must be allowed to the owner's role and, when someone else makes the token, to the maker's role too.
    /// </summary>
    private static TokenError? PolicyRefusal(
        TenantPolicySettings policy, PortalUser actor, PortalUser owner, IReadOnlyCollection<string> scopes, DateTimeOffset? validTo, DateTimeOffset now,
        bool checkLifetime = true) =>
        (checkLifetime ? TokenPolicyRules.CheckLifetime(policy, validTo, now) : null)
        ?? TokenPolicyRules.CheckScopes(policy, owner.Role, scopes)
        ?? (actor.Id == owner.Id ? null : TokenPolicyRules.CheckScopes(policy, actor.Role, scopes));
}
