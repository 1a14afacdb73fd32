using System.Text.RegularExpressions;
using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Tokens.Tests.Guard;

public class SecretPatternTests
{
    private static readonly TokenSecretFormat Format = new("adp");
    private static readonly Regex Pattern = new(TokenSecretFormat.Pattern("adp"), RegexOptions.CultureInvariant);

    [Fact]
    public void The_published_expression_matches_every_generated_secret_whole()
    {
        for (var i = 0; i < 20_000; i++)
        {
            var secret = Format.Generate();
            var match = Pattern.Match($"API_KEY={secret}\n");
            Assert.True(match.Success && match.Value == secret, secret);
        }
    }

    [Fact]
    public void The_expression_rejects_a_wrong_prefix_a_wrong_length_and_characters_outside_the_alphabet()
    {
        var secret = Format.Generate();
        string[] nearMisses =
        [
            "adq" + secret[3..], "xadp" + secret[3..], "ADP" + secret[3..], "adp-" + secret[4..],
            secret[..^1], secret + "0", secret[..10] + secret[11..], secret[..10] + "0" + secret[10..],
            secret[..12] + "-" + secret[13..], secret[..12] + "é" + secret[13..], secret[..20] + "_" + secret[21..],
            secret[..34] + "5" + secret[35..], secret[..34] + "z" + secret[35..],
        ];

        foreach (var nearMiss in nearMisses)
        {
            Assert.False(Pattern.IsMatch(nearMiss), nearMiss);
            Assert.False(Format.IsWellFormed(nearMiss), nearMiss);
        }
    }

    [Fact]
    public void A_wrong_checksum_of_the_right_shape_matches_the_expression_and_is_rejected_by_the_checksum()
    {
        var secret = Format.Generate();
        var last = secret[^1] == '0' ? '1' : '0';
        var wrong = secret[..^1] + last;

        Assert.Matches(Pattern, wrong);
        Assert.False(Format.IsWellFormed(wrong));
        Assert.True(Format.IsWellFormed(secret));
    }
}
