using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace AdminPortal.SignIn.Oidc;

/// <summary>Refuses a discovery document that names another issuer than Authentication:Oidc:Authority (Discovery 4.3).</summary>
internal sealed class IssuerMatchesAuthority(string authority) : IConfigurationValidator<OpenIdConnectConfiguration>
{
    public ConfigurationValidationResult Validate(OpenIdConnectConfiguration configuration) =>
        string.Equals(configuration.Issuer?.TrimEnd('/'), authority.TrimEnd('/'), StringComparison.Ordinal)
            ? new ConfigurationValidationResult { Succeeded = true }
            : new ConfigurationValidationResult { Succeeded = false, ErrorMessage = "The discovery document names another issuer than Authentication:Oidc:Authority." };
}
