using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AdminPortal.Api.SecretScanning;

/// <summary>
/// Checks that a report was signed (ECDSA P-256 with SHA-256 over the raw body, DER signature in base64) by one of the
/// configured keys, and remembers the digests of accepted reports for <see cref="SecretScanningOptions.ReplayWindow"/>
/// on this node.
/// </summary>
internal sealed class ScannerSignatures : IDisposable
{
    private readonly FrozenDictionary<string, ECDsa> _keys;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeSpan _replayWindow;
    private readonly TimeProvider _clock;

    public ScannerSignatures(IOptions<SecretScanningOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _replayWindow = options.Value.ReplayWindow;
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        foreach (var key in options.Value.Keys)
        {
            if (string.IsNullOrWhiteSpace(key.Id) || keys.ContainsKey(key.Id))
            {
                throw new InvalidOperationException($"{SecretScanningOptions.Section}:Keys: every key needs an Id of its own ('{key.Id}').");
            }

            var ecdsa = ECDsa.Create();
            try
            {
                ecdsa.ImportFromPem(key.PublicKey);
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                ecdsa.Dispose();
                throw new InvalidOperationException($"{SecretScanningOptions.Section}:Keys: the key '{key.Id}' is not a PEM public key.", ex);
            }

            if (ecdsa.KeySize != 256)
            {
                ecdsa.Dispose();
                throw new InvalidOperationException($"{SecretScanningOptions.Section}:Keys: the key '{key.Id}' is not on curve P-256.");
            }

            keys[key.Id] = ecdsa;
        }

        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="signature"/> (base64 DER) is the signature of <paramref name="body"/> by the key <paramref name="keyId"/>.</summary>
    public bool IsSigned(ReadOnlySpan<byte> body, string? keyId, string? signature)
    {
        if (keyId is null || signature is null || !_keys.TryGetValue(keyId, out var key))
        {
            return false;
        }

        Span<byte> der = stackalloc byte[128];
        if (!Convert.TryFromBase64String(signature, der, out var length))
        {
            return false;
        }

        return key.VerifyData(body, der[..length], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>Notes a signed report; false when the same body was accepted within the replay window.</summary>
    public bool FirstTime(ReadOnlySpan<byte> body)
    {
        var now = _clock.GetUtcNow();
        var digest = Convert.ToHexString(SHA256.HashData(body));
        foreach (var (old, at) in _seen)
        {
            if (at + _replayWindow <= now)
            {
                _seen.TryRemove(KeyValuePair.Create(old, at));
            }
        }

        return _seen.TryAdd(digest, now);
    }

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }
}
