using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Bench;

/// <summary>An RS256 JWT (2048-bit key, issuer, audience, lifetime, a few claims) and the parameters that validate it.</summary>
internal static class JwtFixture
{
    public const string Issuer = "https://idp.bench.example";
    public const string Audience = "adminportal-bench";

    public static (string Token, TokenValidationParameters Parameters) Create(RSA rsa)
    {
        var key = new RsaSecurityKey(rsa) { KeyId = "bench-key" };
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity([new Claim("sub", "bench-user"), new Claim("scope", "tokens:read"), new Claim("tenant", "bench")]),
            Expires = DateTime.UtcNow.AddHours(12),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        };
        return (token, parameters);
    }
}
