using System.Security.Cryptography;
using System.Text;

namespace AdminPortal.Tokens.Secrets;

/// <summary>
/// <c>&lt;prefix&gt;_&lt;random&gt;&lt;checksum&gt;</c>: 30 base62 characters from the CSPRNG (178 bits)
/// and a 6-character base62 CRC-32 of them, so that scanners can find leaked secrets and garbage is
/// rejected without a database look-up.
/// </summary>
public sealed class TokenSecretFormat
{
    /// <summary>Random characters in a secret.</summary>
    public const int RandomLength = 30;

    private readonly string _prefix;

    /// <summary>Creates the format for a product prefix such as "adp".</summary>
    public TokenSecretFormat(string prefix) => _prefix = prefix + "_";

    /// <summary>
    /// A regular expression (.NET, PCRE, RE2, JavaScript and GNU grep -P alike) that matches the shape of a well-formed secret
    /// with <paramref name="prefix"/>: the prefix and "_", 30 base62 characters, then the 6-character base62 CRC-32, whose
    /// first character is 0-4 (2^32 &lt; 5 x 62^5). The checksum itself cannot be written as a regular expression:
    /// <see cref="IsWellFormed"/> (and the portal) checks it.
    /// </summary>
    public static string Pattern(string prefix) => $@"\b{prefix}_[0-9A-Za-z]{{{RandomLength}}}[0-4][0-9A-Za-z]{{{Base62.UInt32Width - 1}}}\b";

    /// <summary>Total length of a secret.</summary>
    public int Length => _prefix.Length + RandomLength + Base62.UInt32Width;

    /// <summary>A new secret from the CSPRNG.</summary>
    public string Generate()
    {
        var random = RandomNumberGenerator.GetString(Base62.Alphabet, RandomLength);
        return _prefix + random + Checksum(random);
    }

    /// <summary>Whether <paramref name="candidate"/> has the prefix, length, alphabet and a matching checksum.</summary>
    public bool IsWellFormed(ReadOnlySpan<char> candidate)
    {
        if (candidate.Length != Length || !candidate.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = candidate[_prefix.Length..];
        if (!Base62.IsBase62(body))
        {
            return false;
        }

        Span<char> checksum = stackalloc char[Base62.UInt32Width];
        Base62.EncodeUInt32(ChecksumOf(body[..RandomLength]), checksum);
        return body[RandomLength..].SequenceEqual(checksum);
    }

    private static string Checksum(ReadOnlySpan<char> random) => Base62.EncodeUInt32(ChecksumOf(random));

    private static uint ChecksumOf(ReadOnlySpan<char> random)
    {
        Span<byte> bytes = stackalloc byte[RandomLength];
        Encoding.ASCII.GetBytes(random, bytes);
        return Crc32.Compute(bytes);
    }
}
