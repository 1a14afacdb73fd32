using System.Security.Cryptography;
using System.Text;

namespace AdminPortal.Tokens.Secrets;

/// <summary>Hashes secrets for storage: HMAC-SHA256 with a configured key, else SHA-256; lower-case hex.</summary>
public sealed class SecretHasher
{
    private readonly byte[]? _key;

    /// <summary>Creates a hasher; a null key means plain SHA-256.</summary>
    public SecretHasher(byte[]? key) => _key = key;

    /// <summary>Characters of a stored hash (lower-case hex of 32 bytes).</summary>
    public const int HashLength = 64;

    /// <summary>The stored form of <paramref name="secret"/>.</summary>
    public string Hash(string secret)
    {
        Span<char> hex = stackalloc char[HashLength];
        Hash(secret, hex);
        return new string(hex);
    }

    /// <summary>Writes the stored form of <paramref name="secret"/> into <paramref name="hex"/> (<see cref="HashLength"/> characters).</summary>
    public void Hash(ReadOnlySpan<char> secret, Span<char> hex)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(secret.Length);
        Span<byte> input = maxBytes <= 512 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(secret, input);
        Span<byte> hash = stackalloc byte[32];
        if (_key is null)
        {
            SHA256.HashData(input[..length], hash);
        }
        else
        {
            HMACSHA256.HashData(_key, input[..length], hash);
        }

        if (!Convert.TryToHexStringLower(hash, hex, out _))
        {
            throw new ArgumentException($"The hash needs {HashLength} characters.", nameof(hex));
        }
    }

    /// <summary>Compares two stored hashes in constant time.</summary>
    public static bool Matches(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));
}
