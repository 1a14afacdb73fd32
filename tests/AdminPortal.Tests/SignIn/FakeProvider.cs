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
/// roll over), pushed authorization requests (when <see cref="OffersPushedAuthorization"/>), a token endpoint that
/// redeems each code once, checks PKCE and the client, and returns an id_token shaped by the test (<see cref="IdTokenSpec"/>)
/// signed by the test's own keys, refresh tokens (rotated at every use) that follow the person as the test changes or
/// removes them, and a userinfo endpoint. Token times come from <see cref="Clock"/>.
/// </summary>
public sealed class FakeProvider : IAsyncDisposable
{
    public const string ClientId = "adminportal-tests";
    public const string ClientSecret = "client-secret-never-logged-4f1c9a";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Nonce, string Challenge, IdTokenSpec Spec)> _codes = new();
    private readonly ConcurrentDictionary<string, Dictionary<string, string>> _pushed = new();
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new();
    private readonly ConcurrentDictionary<string, string> _accessTokens = new();
    private readonly ConcurrentDictionary<string, IdTokenSpec?> _people = new();
    private readonly List<RsaSecurityKey> _published = [];
    private RsaSecurityKey _signing;

    private FakeProvider(WebApplication app)
    {
        _app = app;
        _signing = NewKey();
        _published.Add(_signing);
    }

    public string Issuer { get; private set; } = "";

    /// <summary>The provider's clock for the times in its tokens; the portal's, when a test moves time.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Whether discovery advertises a pushed authorization request endpoint.</summary>
    public bool OffersPushedAuthorization { get; set; } = true;

    /// <summary>Whether a refresh answer carries an id_token (else the portal must ask the userinfo endpoint).</summary>
    public bool IdTokenOnRefresh { get; set; } = true;

    /// <summary>The id_tokens the token endpoint handed out, for "never logged" checks.</summary>
    public ConcurrentQueue<string> IssuedIdTokens { get; } = new();

    /// <summary>The refresh and access tokens it handed out, for "never logged" checks.</summary>
    public ConcurrentQueue<string> IssuedOtherTokens { get; } = new();

    /// <summary>Form fields of every token request, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> TokenRequests { get; } = new();

    /// <summary>Form fields of every pushed authorization request, in order.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> PushedRequests { get; } = new();

    /// <summary>How many refresh token grants were asked for.</summary>
    public int RefreshRequests => TokenRequests.Count(r => r.GetValueOrDefault("grant_type") == "refresh_token");

    public static async Task<FakeProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var provider = new FakeProvider(app);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Jwks);
        app.MapPost("/par", provider.PushAsync);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/userinfo", provider.UserInfo);
        await app.StartAsync();
        provider.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return provider;
    }

    /// <summary>The authorization request behind the URL the portal sent the browser to (pushed or in the query).</summary>
    public SignInChallenge ChallengeFrom(Uri url)
    {
        var query = QueryHelpers.ParseQuery(url.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        var parameters = query.TryGetValue("request_uri", out var requestUri) && _pushed.TryGetValue(requestUri, out var pushed) ? pushed : query;
        return new SignInChallenge(url, parameters.GetValueOrDefault("state") ?? "", parameters.GetValueOrDefault("nonce") ?? "",
            parameters.GetValueOrDefault("code_challenge") ?? "", parameters);
    }

    /// <summary>The provider "authenticates" the person: a code for this challenge whose id_token follows <paramref name="spec"/>.</summary>
    public string IssueCode(SignInChallenge challenge, IdTokenSpec spec)
    {
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = (challenge.Nonce, challenge.CodeChallenge, spec);
        _people[spec.Subject] = spec;
        return code;
    }

    /// <summary>The person's account changes at the provider (role, tenant, name); refreshes answer with the change.</summary>
    public void ChangePerson(string subject, Func<IdTokenSpec, IdTokenSpec> change) => _people[subject] = change(_people[subject]!);

    /// <summary>The person is removed at the provider: their refresh tokens are refused (invalid_grant).</summary>
    public void RemovePerson(string subject) => _people[subject] = null;

    /// <summary>Publishes a new key and signs with it from now on (the old one stays published, as in a real rollover).</summary>
    public void RollOverKeys()
    {
        _signing = NewKey();
        _published.Add(_signing);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IResult Discovery()
    {
        var document = new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["userinfo_endpoint"] = $"{Issuer}/userinfo",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["end_session_endpoint"] = $"{Issuer}/session/end",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            // RFC 9207: this provider names itself in every authorization response, so a response without iss is forged.
            ["authorization_response_iss_parameter_supported"] = true,
        };
        if (OffersPushedAuthorization)
        {
            document["pushed_authorization_request_endpoint"] = $"{Issuer}/par";
        }

        return Results.Json(document);
    }

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

    /// <summary>RFC 9126: the client authenticates, and gets a one-time request_uri for the browser's redirect.</summary>
    private async Task<IResult> PushAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        PushedRequests.Enqueue(form);
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var requestUri = "urn:ietf:params:oauth:request_uri:" + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        _pushed[requestUri] = form;
        return Results.Json(new { request_uri = requestUri, expires_in = 60 }, statusCode: 201);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        TokenRequests.Enqueue(form);
        if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        if (form.GetValueOrDefault("grant_type") == "refresh_token")
        {
            // Rotation: each refresh token works once; the person must still exist.
            if (!_refreshTokens.TryRemove(form.GetValueOrDefault("refresh_token") ?? "", out var subject) || _people[subject] is not { } person)
            {
                return Results.Json(new { error = "invalid_grant", error_description = "refresh token unknown, used, or its person removed" }, statusCode: 400);
            }

            return Tokens(person, nonce: null, withIdToken: IdTokenOnRefresh);
        }

        // A code is redeemed once (RFC 6749 4.1.2), and only with the verifier of its challenge (RFC 7636 4.6).
        if (!_codes.TryRemove(form.GetValueOrDefault("code") ?? "", out var issued)
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form.GetValueOrDefault("code_verifier") ?? ""))) != issued.Challenge)
        {
            return Results.Json(new { error = "invalid_grant", error_description = "code unknown, used or not for this verifier" }, statusCode: 400);
        }

        return Tokens(issued.Spec, issued.Nonce, withIdToken: true);
    }

    private IResult Tokens(IdTokenSpec spec, string? nonce, bool withIdToken)
    {
        var access = "access-" + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var refresh = "refresh-" + Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        _accessTokens[access] = spec.Subject;
        _refreshTokens[refresh] = spec.Subject;
        IssuedOtherTokens.Enqueue(access);
        IssuedOtherTokens.Enqueue(refresh);
        var answer = new Dictionary<string, object> { ["access_token"] = access, ["token_type"] = "Bearer", ["expires_in"] = 300, ["refresh_token"] = refresh };
        if (withIdToken)
        {
            var idToken = Sign(spec, nonce);
            IssuedIdTokens.Enqueue(idToken);
            answer["id_token"] = idToken;
        }

        return Results.Json(answer);
    }

    private IResult UserInfo(HttpRequest request)
    {
        var bearer = request.Headers.Authorization.ToString();
        if (!bearer.StartsWith("Bearer ", StringComparison.Ordinal) || !_accessTokens.TryGetValue(bearer[7..], out var subject) || _people[subject] is not { } person)
        {
            return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        }

        return Results.Json(new Dictionary<string, object>(person.Claims.Concat(person.UserInfoClaims)) { ["sub"] = person.Subject });
    }

    private string Sign(IdTokenSpec spec, string? nonce)
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(spec.Claims) { ["sub"] = spec.Subject };
        if (spec.IncludeNonce && (spec.Nonce ?? nonce) is { } value)
        {
            claims["nonce"] = value;
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
