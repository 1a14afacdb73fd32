namespace AdminPortal.Api.SecretScanning;

/// <summary>
/// <c>SecretScanning</c>: the public keys whose signatures the scanner endpoint accepts. No keys: every report gets 401.
/// </summary>
public sealed class SecretScanningOptions
{
    public const string Section = "SecretScanning";

    /// <summary>The scanners' ECDSA P-256 public keys, each with the identifier reports name it by.</summary>
    public List<ScannerKey> Keys { get; set; } = [];

    /// <summary>How long a report's digest is remembered, so that the same signed report sent again changes nothing and gets 409.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromHours(24);
}

/// <summary>One scanner public key.</summary>
public sealed class ScannerKey
{
    /// <summary>The identifier sent in Github-Public-Key-Identifier.</summary>
    public string Id { get; set; } = "";

    /// <summary>The public key, PEM ("-----BEGIN PUBLIC KEY-----"), on curve P-256.</summary>
    public string PublicKey { get; set; } = "";
}
