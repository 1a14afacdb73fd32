using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.SignIn.Oidc;

/// <summary>The OAuth handler's options plus what OpenID Connect adds: the settings and the provider's metadata (discovery, keys).</summary>
internal sealed class OidcHandlerOptions : OAuthOptions
{
    public OidcOptions Settings { get; set; } = new();

    /// <summary>Discovery document and signing keys, cached and refreshed (also when an unknown key appears).</summary>
    public IConfigurationManager<OpenIdConnectConfiguration> Metadata { get; set; } = null!;
}
