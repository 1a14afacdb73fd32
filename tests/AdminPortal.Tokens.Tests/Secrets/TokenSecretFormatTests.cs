using System.Text;
using System.Text.RegularExpressions;
using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Tokens.Tests.Secrets;

public class TokenSecretFormatTests
{
    private readonly TokenSecretFormat _format = new("adp");

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Secret_is_prefix_underscore_30_random_base62_and_6_checksum_characters()
    {
        var secret = _format.Generate();

        Assert.Matches(new Regex("^adp_[0-9A-Za-z]{36}$"), secret);
        Assert.Equal(_format.Length, secret.Length);
        Assert.True(_format.IsWellFormed(secret));
    }

    [Fact]
    public void Random_part_carries_at_least_160_bits_and_never_repeats()
    {
        Assert.True(TokenSecretFormat.RandomLength * Math.Log2(62) >= 160);

        var secrets = Enumerable.Range(0, 20_000).Select(_ => _format.Generate()).ToHashSet();
        Assert.Equal(20_000, secrets.Count);
        var firstCharacters = secrets.Select(s => s[4]).Distinct().Count();
        Assert.True(firstCharacters > 55, $"only {firstCharacters} distinct first characters: not uniform base62");
    }

    [Fact]
    public void Any_single_changed_character_fails_the_checksum()
    {
        var secret = _format.Generate();
        for (var i = 4; i < secret.Length; i++)
        {
            var replacement = secret[i] == 'a' ? 'b' : 'a';
            var tampered = string.Concat(secret.AsSpan(0, i), replacement.ToString(), secret.AsSpan(i + 1));
            Assert.False(_format.IsWellFormed(tampered), $"a change at {i} went unnoticed");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("adp_")]
    [InlineData("ghp_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    [InlineData("adp_0123456789ABCDEFGHIJKLMNOPQRST-_+/=!")]
    [InlineData("adp_ÄÖÜ3456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    public void Garbage_is_not_well_formed(string candidate) => Assert.False(_format.IsWellFormed(candidate));

    [Fact]
    public void Truncated_or_extended_secret_is_not_well_formed()
    {
        var secret = _format.Generate();
        Assert.False(_format.IsWellFormed(secret[..^1]));
        Assert.False(_format.IsWellFormed(secret + "0"));
        Assert.False(_format.IsWellFormed("ADP" + secret[3..]));
    }

    [Fact]
    public void Plain_hash_is_sha256_hex_and_a_key_makes_it_an_hmac()
    {
        var plain = new SecretHasher(null).Hash("abc");
        var keyed = new SecretHasher(new byte[32]).Hash("abc");

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", plain);
        Assert.NotEqual(plain, keyed);
        Assert.Matches("^[0-9a-f]{64}$", keyed);
        Assert.True(SecretHasher.Matches(plain, plain));
        Assert.False(SecretHasher.Matches(plain, keyed));
    }
}
