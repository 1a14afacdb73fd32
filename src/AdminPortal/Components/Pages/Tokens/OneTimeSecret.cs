using AdminPortal.Tokens.Service;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// The secret of a token just created or rolled, held only while its reveal dialog is open. <see cref="Clear"/> drops
/// the last reference the portal has (a .NET string cannot be wiped, but nothing keeps it reachable afterwards).
/// It never reaches a URL, browser storage, a log or a notification.
/// </summary>
public sealed class OneTimeSecret
{
    private string? _value;

    public OneTimeSecret(CreatedToken created, bool rolled)
    {
        _value = created.Secret;
        Token = created.Token;
        Rolled = rolled;
    }

    public TokenView Token { get; }

    /// <summary>True after a roll (a new secret of an existing token), false after a create.</summary>
    public bool Rolled { get; }

    /// <summary>The secret; empty once cleared.</summary>
    public string Value => _value ?? "";

    public bool IsCleared => _value is null;

    public void Clear() => _value = null;

    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"OneTimeSecret {{ Token = {Token.Id}, Secret = *** }}";
}

/// <summary>Where and how to call the API with a token, for the reveal dialog.</summary>
public sealed record ApiExample(string BaseUrl, string Curl)
{
    /// <summary>The shell variable the example reads the secret from, so that the secret is not part of the curl command line.</summary>
    public const string SecretVariable = "ADMINPORTAL_TOKEN";

    /// <summary>The API of the portal at <paramref name="portalBaseUri"/> (e.g. "https://portal.example/"); the curl is two shell lines.</summary>
    public static ApiExample For(string portalBaseUri)
    {
        var baseUrl = portalBaseUri.TrimEnd('/') + "/api/v1";
        return new(baseUrl, $"curl -H \"Authorization: Bearer ${SecretVariable}\" \\\n     {baseUrl}/me");
    }
}
