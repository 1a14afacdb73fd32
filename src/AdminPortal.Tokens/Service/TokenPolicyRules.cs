using System.Globalization;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// The rules a tenant policy adds to tokens, and the names refusals give the policies: the token service refuses with
/// them, the violation list finds existing tokens that break them, and forms use them to show the limits beforehand.
/// </summary>
public static class TokenPolicyRules
{
    /// <summary>The name of the policy that refuses tokens without an end of validity (when no maximum lifetime is set).</summary>
    public const string ExpiryRequiredName = "Expiry date required";

    /// <summary>The name of the policy that lets only full admins create tokens.</summary>
    public const string OnlyAdminsCreateName = "Only administrators create tokens";

    /// <summary>The name of the policy that requires an address allow-list on tokens with a write scope.</summary>
    public const string AllowListRequiredName = "Address allow-list for write scopes";

    /// <summary>"Maximum lifetime: 90 days".</summary>
    public static string LifetimeName(int days) => string.Create(CultureInfo.InvariantCulture, $"Maximum lifetime: {days} days");

    /// <summary>"At most 5 usable tokens per person".</summary>
    public static string TokensPerPersonName(int most) => string.Create(CultureInfo.InvariantCulture, $"At most {most} usable tokens per person");

    /// <summary>"Scopes in tokens of users".</summary>
    public static string ScopesName(Role role) => $"Scopes in tokens of {Members(role)}";

    /// <summary>"users", "security readers", "full admins".</summary>
    public static string Members(Role role) => role switch
    {
        Role.User => "users",
        Role.SecurityReader => "security readers",
        Role.FullAdmin => "full admins",
        _ => role.ToString(),
    };

    /// <summary>Whether every new or edited token must have a valid-to: required outright, or implied by a maximum lifetime.</summary>
    public static bool ExpiryRequired(TenantPolicySettings policy) => policy.RequireExpiry || policy.MaxLifetimeDays is not null;

    /// <summary>The latest valid-to the policy allows for a token saved at <paramref name="now"/>; null: no maximum.</summary>
    public static DateTimeOffset? LatestValidTo(TenantPolicySettings policy, DateTimeOffset now) =>
        policy.MaxLifetimeDays is { } days ? now.AddDays(days) : null;

    /// <summary>The scopes a member of <paramref name="role"/> may put in tokens: those of <paramref name="held"/> the policy allows.</summary>
    public static IReadOnlySet<string> AllowedScopes(TenantPolicySettings policy, Role role, IReadOnlySet<string> held) =>
        policy.ScopesByRole.TryGetValue(role, out var allowed)
            ? held.Where(allowed.Contains).ToHashSet(StringComparer.Ordinal)
            : held;

    /// <summary>Why <paramref name="validTo"/> breaks the lifetime or expiry policy for a token saved at <paramref name="now"/>; null if it does not.</summary>
    public static TokenError? CheckLifetime(TenantPolicySettings policy, DateTimeOffset? validTo, DateTimeOffset now)
    {
        if (policy.MaxLifetimeDays is { } days)
        {
            var latest = now.AddDays(days);
            if (validTo is null)
            {
                return TokenError.ByPolicy(TokenErrorCode.Invalid, LifetimeName(days),
                    $"requires every token to expire within {days} days: set a valid-to on or before {Format(latest)}.", "ValidTo");
            }

            if (validTo > latest)
            {
                return TokenError.ByPolicy(TokenErrorCode.Invalid, LifetimeName(days),
                    $"allows tokens to be valid for at most {days} days from now: choose a valid-to on or before {Format(latest)}.", "ValidTo");
            }
        }
        else if (policy.RequireExpiry && validTo is null)
        {
            return TokenError.ByPolicy(TokenErrorCode.Invalid, ExpiryRequiredName, "requires every token to have an end of validity: set a valid-to date.", "ValidTo");
        }

        return null;
    }

    /// <summary>Why a member of <paramref name="role"/> may not put <paramref name="scopes"/> in a token; null if every one is allowed.</summary>
    public static TokenError? CheckScopes(TenantPolicySettings policy, Role role, IEnumerable<string> scopes)
    {
        if (!policy.ScopesByRole.TryGetValue(role, out var allowed) || scopes.FirstOrDefault(s => !allowed.Contains(s)) is not { } refused)
        {
            return null;
        }

        var which = allowed.Count == 0 ? "no scope at all" : "only " + string.Join(", ", allowed.Order(StringComparer.Ordinal));
        return TokenError.ByPolicy(TokenErrorCode.ScopeNotHeld, ScopesName(role),
            $"does not allow '{refused}' in tokens of {Members(role)}: they may put {which} in tokens.", "Scopes");
    }

    /// <summary>Why a token with <paramref name="scopes"/> and no allowed addresses breaks the allow-list policy; null if it does not.</summary>
    public static TokenError? CheckAllowList(TenantPolicySettings policy, IEnumerable<string> scopes, int allowedAddresses, Func<string, bool> isWrite) =>
        policy.RequireAllowListForWriteScopes && allowedAddresses == 0 && scopes.FirstOrDefault(isWrite) is { } write
            ? TokenError.ByPolicy(TokenErrorCode.Invalid, AllowListRequiredName,
                $"requires an address allow-list on tokens with write scopes ('{write}'): add the addresses or ranges it will be used from.", "AllowedAddresses")
            : null;

    /// <summary>The refusal of a token to someone who already holds <paramref name="most"/> usable tokens under the policy.</summary>
    internal static TokenError TooManyTokens(int most) =>
        TokenError.ByPolicy(TokenErrorCode.LimitReached, TokensPerPersonName(most),
            string.Create(CultureInfo.InvariantCulture, $"allows no more: the owner already has {most} usable tokens. Revoke or delete one first."));

    /// <summary>The refusal of a token to someone who is not a full admin where only they create tokens.</summary>
    internal static TokenError OnlyAdminsCreate() =>
        TokenError.ByPolicy(TokenErrorCode.Forbidden, OnlyAdminsCreateName, "lets only administrators create tokens in this organisation. Ask one to create it for you.");

    /// <summary>"2027-02-27 09:00 UTC".</summary>
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
