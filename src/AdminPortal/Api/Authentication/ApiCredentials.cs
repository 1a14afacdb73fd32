using Microsoft.Extensions.Primitives;

namespace AdminPortal.Api.Authentication;

/// <summary>Reads the secret from <c>Authorization: Bearer &lt;secret&gt;</c> or <c>Authorization: Token &lt;secret&gt;</c>.</summary>
internal static class ApiCredentials
{
    /// <summary>The secret, or null when the header is repeated, uses another scheme or has no single token.</summary>
    public static string? Read(StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } header)
        {
            return null;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return null;
        }

        var scheme = header.AsSpan(0, space);
        if (!scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("Token", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var secret = header.AsSpan(space + 1).Trim(' ');
        return secret.IsEmpty || secret.Contains(' ') ? null : secret.ToString();
    }
}
