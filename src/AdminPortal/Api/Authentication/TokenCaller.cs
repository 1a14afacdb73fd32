using System.Security.Claims;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Api.Authentication;

/// <summary>
/// The identity of a request authenticated with an API token: the verified token itself, and claims naming it
/// (owner as NameIdentifier, token_id, tenant_id, one "scope" claim per effective scope). The claims are built only
/// when something reads them: the API's own endpoints read <see cref="Token"/>, so most calls never allocate them.
/// </summary>
internal sealed class TokenCaller(TokenIdentity token) : ClaimsIdentity(ApiTokenDefaults.Scheme, ClaimTypes.NameIdentifier, ClaimTypes.Role)
{
    private List<Claim>? _claims;

    /// <summary>The verified token: GUID, owner, tenant, effective scopes, validity.</summary>
    public TokenIdentity Token { get; } = token;

    /// <inheritdoc />
    public override IEnumerable<Claim> Claims => base.Claims.Concat(_claims ??= [.. ClaimsOf(Token, this)]);

    private static IEnumerable<Claim> ClaimsOf(TokenIdentity token, ClaimsIdentity subject)
    {
        yield return new Claim(ClaimTypes.NameIdentifier, token.OwnerId.ToString(), ClaimValueTypes.String, ApiTokenDefaults.Scheme, ApiTokenDefaults.Scheme, subject);
        yield return new Claim("token_id", token.TokenId.ToString(), ClaimValueTypes.String, ApiTokenDefaults.Scheme, ApiTokenDefaults.Scheme, subject);
        yield return new Claim("tenant_id", token.TenantId.ToString(), ClaimValueTypes.String, ApiTokenDefaults.Scheme, ApiTokenDefaults.Scheme, subject);
        foreach (var scope in token.EffectiveScopes)
        {
            yield return new Claim("scope", scope, ClaimValueTypes.String, ApiTokenDefaults.Scheme, ApiTokenDefaults.Scheme, subject);
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
