using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AdminPortal.Security;

/// <summary>
/// The keys behind the portal's cookies (sessions, antiforgery, the sign-in's correlation), bound from
/// "Security:DataProtection". The key ring is kept in the portal's database; every node and restart with the same
/// <see cref="ApplicationName"/> and database reads the same keys.
/// </summary>
public sealed class PortalDataProtectionOptions
{
    public const string Section = "Security:DataProtection";

    /// <summary>Nodes that share cookies must share this name (and the database).</summary>
    [Required(ErrorMessage = "Security:DataProtection:ApplicationName is required.")]
    public string ApplicationName { get; set; } = "AdminPortal";

    /// <summary>
    /// A PKCS#12 (.pfx) file with a private key that encrypts the keys at rest. Without it the keys are stored
    /// unencrypted in the database, which is then as sensitive as the keys themselves.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The certificate of <see cref="CertificatePath"/>, or null when none is configured.</summary>
    /// <exception cref="CryptographicException">The file cannot be read as PKCS#12 with that password.</exception>
    public X509Certificate2? LoadCertificate() =>
        string.IsNullOrWhiteSpace(CertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
}
