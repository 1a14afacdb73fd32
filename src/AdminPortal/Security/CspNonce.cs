using System.Buffers.Text;
using System.Security.Cryptography;

namespace AdminPortal.Security;

/// <summary>
/// The nonce of one response's Content-Security-Policy: the page's only inline script (Blazor's import map) carries it,
/// so script-src needs neither 'unsafe-inline' nor a hash that changes with every build.
/// </summary>
public static class CspNonce
{
    private static readonly object Key = new();

    /// <summary>This request's nonce, created on first use (128 bits from the CSPRNG, base64url: nothing to escape in HTML).</summary>
    public static string Of(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var existing) && existing is string nonce)
        {
            return nonce;
        }

        nonce = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        http.Items[Key] = nonce;
        return nonce;
    }
}
