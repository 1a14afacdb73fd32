using AdminPortal.Tokens.Options;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Secrets;

/// <summary>Issues secrets with their stored hash, and hashes well-formed presented secrets.</summary>
public sealed class TokenSecrets
{
    private readonly TokenSecretFormat _format;
    private readonly SecretHasher _hasher;

    /// <summary>Creates the issuer from the configured prefix and hash key.</summary>
    public TokenSecrets(IOptions<TokenOptions> options)
    {
        _format = new TokenSecretFormat(options.Value.SecretPrefix);
        _hasher = new SecretHasher(options.Value.HashKey is { } key ? Convert.FromBase64String(key) : null);
    }

    /// <summary>A new secret and the hash to store for it.</summary>
    public (string Secret, string Hash) Issue()
    {
        var secret = _format.Generate();
        return (secret, _hasher.Hash(secret));
    }

    /// <summary>The hash of <paramref name="presented"/>, or null when it is malformed or its checksum is wrong.</summary>
    public string? TryHash(string? presented) =>
        presented is not null && _format.IsWellFormed(presented) ? _hasher.Hash(presented) : null;

    /// <summary>
    /// Writes the hash of <paramref name="presented"/> into <paramref name="hash"/> (<see cref="SecretHasher.HashLength"/>
    /// characters) without allocating; false when it is malformed or its checksum is wrong.
    /// </summary>
    public bool TryHash(ReadOnlySpan<char> presented, Span<char> hash)
    {
        if (!_format.IsWellFormed(presented))
        {
            return false;
        }

        _hasher.Hash(presented, hash);
        return true;
    }
}
