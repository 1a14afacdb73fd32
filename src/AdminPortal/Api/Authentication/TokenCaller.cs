using System.Security.Claims;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Api.Authentication;

/// <summary>The identity of a request authenticated with an API token: the verified token itself, and claims naming it.</summary>
internal sealed class TokenCaller : ClaimsIdentity
{
    public TokenCaller(TokenIdentity token)
        : base(ClaimsOf(token), ApiTokenDefaults.Scheme, ClaimTypes.NameIdentifier, ClaimTypes.Role) =>
        Token = token;

    /// <summary>The verified token: GUID, owner, tenant, effective scopes, validity.</summary>
    public TokenIdentity Token { get; }

    private static IEnumerable<Claim> ClaimsOf(TokenIdentity token)
    {
        yield return new Claim(ClaimTypes.NameIdentifier, token.OwnerId.ToString());
        yield return new Claim("token_id", token.TokenId.ToString());
        yield return new Claim("tenant_id", token.TenantId.ToString());
        foreach (var scope in token.EffectiveScopes)
        {
            yield return new Claim("scope", scope);
        }
    }
}

/// <summary>Reads the calling token from the request's user.</summary>
internal static class TokenCallerExtensions
{
    /// <summary>The verified token of an API call (only on endpoints that require the API-token scheme).</summary>
    public static TokenIdentity Token(this ClaimsPrincipal user) =>
        user.Identities.OfType<TokenCaller>().FirstOrDefault()?.Token
        ?? throw new InvalidOperationException("The endpoint does not require the API-token scheme.");
}
