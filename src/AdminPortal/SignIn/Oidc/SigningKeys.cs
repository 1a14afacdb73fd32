using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// Key rollover without a restart: before an id_token is validated, a key id the provider's cached keys do not hold
/// makes the keys be read again (at most once per Authentication:Oidc:MetadataRefreshInterval). The metadata manager
/// refreshes in the background, so this waits a few seconds for the new keys; the handler then validates against them.
/// </summary>
internal static class SigningKeys
{
    public static async Task EnsureKnownAsync(IConfigurationManager<OpenIdConnectConfiguration> metadata, string? idToken, TimeProvider clock, CancellationToken ct)
    {
        string? kid;
        try
        {
            kid = idToken is null ? null : new JsonWebToken(idToken).Kid;
        }
        catch (ArgumentException)
        {
            return; // Malformed: the validation that follows says so.
        }

        var current = await metadata.GetConfigurationAsync(ct);
        if (string.IsNullOrEmpty(kid) || current.SigningKeys.Any(k => k.KeyId == kid))
        {
            return;
        }

        metadata.RequestRefresh();
        for (var attempt = 0; attempt < 30; attempt++)
        {
            if (!ReferenceEquals(await metadata.GetConfigurationAsync(ct), current))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, ct);
        }
    }
}
