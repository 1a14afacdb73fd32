using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.Tests.SignIn;

/// <summary>
/// An OpenID Connect provider that the tests control, on a loopback port: discovery, a JWKS of keys it holds (and can
/// roll over), and a token endpoint that redeems each code once, checks PKCE and the client, and returns an id_token
/// shaped by the test (<see cref="IdTokenSpec"/>), signed by the test's own keys.
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    public const string ClientId = "adminportal-tests";
    public const string ClientSecret = "client-secret-never-logged-4f1c9a";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge, IdTokenSpec Spec)> _codes = new();
    private readonly List<RsaSecurityKey> _published = [];
    private RsaSecurityKey _signing;

    private FakeProvider(WebApplication app)
    {
        _app = app;
        _signing = NewKey();
        _published.Add(_signing);
    }

    public string Issuer { get; private set; } = "";

    /// <summary>The id_tokens the token endpoint handed out, for "never logged" checks.</summary>
    public ConcurrentQueue<string> IssuedIdTokens { get; } = new();

    /// <summary>Form fields of every token request, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    public static async Task<FakeProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new FakeProvider(app);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Jwks);
        app.MapPost("/token", provider.TokenAsync);
        await app.StartAsync();
        provider.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return provider;
    }

    /// <summary>The provider "authenticates" the person: a code for this challenge whose id_token follows <paramref name="spec"/>.</summary>
    public string IssueCode(SignInChallenge challenge, IdTokenSpec spec)
    {
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = (challenge.Nonce, challenge.CodeChallenge, spec);
        return code;
    }

    /// <summary>Publishes a new key and signs with it from now on (the old one stays published, as in a real rollover).</summary>
    public void RollOverKeys()
    {
        _signing = NewKey();
        _published.Add(_signing);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = $"{Issuer}/authorize",
        ["token_endpoint"] = $"{Issuer}/token",
        ["jwks_uri"] = $"{Issuer}/jwks",
        ["end_session_endpoint"] = $"{Issuer}/session/end",
        // RFC 9207: this provider names itself in every authorization response, so a response without iss is forged.
        ["authorization_response_iss_parameter_supported"] = true,
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
    });

    private IResult Jwks() => Results.Json(new { keys = _published.Select(Jwk).ToArray() });

    private static Dictionary<string, string> Jwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new()
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        TokenRequests.Enqueue(form);
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        // A code is redeemed once (RFC 6749 4.1.2), and only with the verifier of its challenge (RFC 7636 4.6).
        if (!_codes.TryRemove(form.GetValueOrDefault("code") ?? "", out var issued)
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form.GetValueOrDefault("code_verifier") ?? ""))) != issued.Challenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "code unknown, used or not for this verifier" }, statusCode: 400);
        }

        var idToken = Sign(issued.Spec, issued.Nonce);
        IssuedIdTokens.Enqueue(idToken);
        return Results.Json(new { access_token = "access-" + Guid.NewGuid(), token_type = "Bearer", expires_in = 300, id_token = idToken });
    }

    private string Sign(IdTokenSpec spec, string nonce)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>(spec.Claims) { ["sub"] = spec.Subject };
        if (spec.IncludeNonce)
        {
            claims["nonce"] = spec.Nonce ?? nonce;
        }

        var key = spec.SignWith switch
        {
            SigningChoice.ProviderKey => _signing,
            // Same key id as the provider's, other key material: a forged signature.
            SigningChoice.ForgedKey => new RsaSecurityKey(RSA.Create(2048)) { KeyId = _signing.KeyId },
            SigningChoice.UnknownKey => NewKey(),
        };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.IncludeIssuer ? spec.Issuer ?? Issuer : null,
            Audience = spec.Audience ?? ClientId,
            IssuedAt = now.Add(spec.ExpiresIn) - TimeSpan.FromMinutes(10),
            NotBefore = now.Add(spec.ExpiresIn) - TimeSpan.FromMinutes(10),
            Expires = now.Add(spec.ExpiresIn),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static RsaSecurityKey NewKey() => new(RSA.Create(2048)) { KeyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(8)) };
}

public enum SigningChoice
{
    ProviderKey,
    ForgedKey,
    UnknownKey,
}

/// <summary>What the provider puts in the next id_token; the defaults make a valid one.</summary>
public sealed record IdTokenSpec
{
    public string Subject { get; init; } = "subject-" + Guid.NewGuid().ToString("N")[..8];

    public Dictionary<string, object> Claims { get; init; } = [];

    public string? Issuer { get; init; }

    /// <summary>False leaves the iss claim out of the id_token altogether.</summary>
    public bool IncludeIssuer { get; init; } = true;

    public string? Audience { get; init; }

    public TimeSpan ExpiresIn { get; init; } = TimeSpan.FromMinutes(5);

    public bool IncludeNonce { get; init; } = true;

    /// <summary>A nonce other than the one of the sign-in; null sends the right one.</summary>
    public string? Nonce { get; init; }

    public SigningChoice SignWith { get; init; } = SigningChoice.ProviderKey;

    /// <summary>A person of <paramref name="tenant"/> with these role values.</summary>
    public static IdTokenSpec Person(string name, string tenant = "acme", params string[] roles) => new()
    {
        Claims = new()
        {
            ["name"] = name,
            ["email"] = $"{name.Split(' ')[0].ToLowerInvariant()}@{tenant}.example",
            ["roles"] = roles,
            ["tenant"] = tenant,
            ["tenant_name"] = tenant.ToUpperInvariant(),
        },
    };
}

/// <summary>The authorization request the portal sent the browser to, as the provider reads it.</summary>
public sealed record SignInChallenge(Uri Url, string State, string Nonce, string CodeChallenge, IReadOnlyDictionary<string, string> Parameters)
{
    public static SignInChallenge From(Uri url)
    {
        var query = QueryHelpers.ParseQuery(url.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        return new SignInChallenge(url, query.GetValueOrDefault("state") ?? "", query.GetValueOrDefault("nonce") ?? "",
            query.GetValueOrDefault("code_challenge") ?? "", query);
    }
}
