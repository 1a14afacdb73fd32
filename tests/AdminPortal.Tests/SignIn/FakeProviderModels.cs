using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Tests.SignIn;

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

    /// <summary>Claims the userinfo endpoint adds to <see cref="Claims"/>.</summary>
    public Dictionary<string, object> UserInfoClaims { get; init; } = [];

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

/// <summary>The authorization request the portal sent the browser to, as the provider reads it (see <see cref="FakeProvider.ChallengeFrom"/>).</summary>
public sealed record SignInChallenge(Uri Url, string State, string Nonce, string CodeChallenge, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The query parameters of a URL the portal sent the browser to (an end-session request, for example).</summary>
    public static SignInChallenge From(Uri url)
    {
        var query = QueryHelpers.ParseQuery(url.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
        return new SignInChallenge(url, query.GetValueOrDefault("state") ?? "", query.GetValueOrDefault("nonce") ?? "",
            query.GetValueOrDefault("code_challenge") ?? "", query);
    }
}
