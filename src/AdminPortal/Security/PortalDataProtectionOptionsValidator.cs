using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AdminPortal.Security;

/// <summary>A configured certificate must exist, open with its password and hold a private key; the message names the setting.</summary>
internal sealed class PortalDataProtectionOptionsValidator : IValidateOptions<PortalDataProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalDataProtectionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return ValidateOptionsResult.Success;
        }

        const string Key = $"{PortalDataProtectionOptions.Section}:{nameof(PortalDataProtectionOptions.CertificatePath)}";
        if (!File.Exists(options.CertificatePath))
        {
            return ValidateOptionsResult.Fail($"{Key}: no file at '{options.CertificatePath}'.");
        }

        try
        {
            using var certificate = options.LoadCertificate()!;
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Key}: the certificate has no private key, so it could not decrypt the keys it protects.");
        }
        catch (CryptographicException)
        {
            return ValidateOptionsResult.Fail(
                $"{Key}: the file cannot be read as a PKCS#12 (.pfx) certificate with the password of {PortalDataProtectionOptions.Section}:{nameof(PortalDataProtectionOptions.CertificatePassword)}.");
        }
    }
}
