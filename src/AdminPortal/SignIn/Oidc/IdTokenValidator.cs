using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// Validates an id_token as OpenID Connect Core 3.1.3.7 asks: signature by one of the provider's keys (the keys are
/// read again once when the token names an unknown key, so that a key rollover needs no restart), issuer, audience and
/// authorized party, expiry with a small skew, and the nonce of this sign-in.
/// </summary>
internal sealed class IdTokenValidator(OidcOptions settings, IConfigurationManager<OpenIdConnectConfiguration> metadata, TimeProvider clock)
{
    // Asymmetric only: a token "signed" with the client secret (HS256) or not at all is refused.
    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>The token's claims; throws <see cref="SignInRejectedException"/> when any check fails.</summary>
    public async Task<ClaimsIdentity> ValidateAsync(string? idToken, string? expectedNonce, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(idToken))
        {
            throw Rejected("the token endpoint returned no id_token");
        }

        var configuration = await metadata.GetConfigurationAsync(ct);
        var result = await _handler.ValidateTokenAsync(idToken, Parameters(configuration));
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await RefreshedAsync(configuration, ct) is { } refreshed)
        {
            result = await _handler.ValidateTokenAsync(idToken, Parameters(refreshed));
        }

        if (!result.IsValid)
        {
            throw Rejected(Describe(result.Exception));
        }

        var claims = result.ClaimsIdentity;
        CheckAuthorizedParty(claims);
        CheckNonce(claims, expectedNonce);
        return claims;
    }

    /// <summary>
    /// New metadata after a refresh request (which the manager honours at most once per MetadataRefreshInterval and
    /// carries out in the background), or null when none arrives in a few seconds.
    /// </summary>
    private async Task<OpenIdConnectConfiguration?> RefreshedAsync(OpenIdConnectConfiguration stale, CancellationToken ct)
    {
        metadata.RequestRefresh();
        for (var attempt = 0; attempt < 30; attempt++)
        {
            var current = await metadata.GetConfigurationAsync(ct);
            if (!ReferenceEquals(current, stale))
            {
                return current;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        }

        return null;
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration configuration) => new()
    {
        ValidIssuer = configuration.Issuer,
        ValidAudience = settings.ClientId,
        IssuerSigningKeys = configuration.SigningKeys,
        ValidAlgorithms = Algorithms,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = settings.ClockSkew,
        LifetimeValidator = ValidateLifetime,
    };

    /// <summary>IdentityModel's lifetime rule with the clock taken from <see cref="TimeProvider"/>.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (expires.Value.Add(settings.ClockSkew) < now)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        if (notBefore is { } start && start.Subtract(settings.ClockSkew) > now)
        {
            throw new SecurityTokenNotYetValidException("The token is not yet valid.") { NotBefore = start };
        }

        return true;
    }

    /// <summary>With several audiences, azp must name this client (Core 3.1.3.7, items 4 and 5).</summary>
    private void CheckAuthorizedParty(ClaimsIdentity claims)
    {
        var azp = claims.FindFirst(JwtRegisteredClaimNames.Azp)?.Value;
        var audiences = claims.FindAll(JwtRegisteredClaimNames.Aud).Count();
        if ((azp is not null || audiences > 1) && azp != settings.ClientId)
        {
            throw Rejected("wrong authorized party (azp)");
        }
    }

    private static void CheckNonce(ClaimsIdentity claims, string? expected)
    {
        var nonce = claims.FindFirst(JwtRegisteredClaimNames.Nonce)?.Value;
        if (nonce is null || expected is null)
        {
            throw Rejected("missing nonce");
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(nonce), Encoding.UTF8.GetBytes(expected)))
        {
            throw Rejected("wrong nonce");
        }
    }

    /// <summary>What went wrong, in words an operator can act on; IdentityModel's own messages may quote the token.</summary>
    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenNoExpirationException => "no expiry",
        SecurityTokenSignatureKeyNotFoundException => "bad signature (no key of the provider matches)",
        SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenInvalidAlgorithmException => "signature algorithm not allowed",
        SecurityTokenMalformedException => "malformed",
        null => "unknown reason",
        _ => exception.GetType().Name,
    };

    private static SignInRejectedException Rejected(string why) =>
        new(SignInFailure.Failed, $"The id_token was rejected: {why}.");
}
