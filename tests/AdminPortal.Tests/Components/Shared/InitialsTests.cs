using AdminPortal.Components.Shared;

namespace AdminPortal.Tests.Components.Shared;

public sealed class InitialsTests
{
    [Theory]
    [InlineData("Ada Admin", "AA")]
    [InlineData("gus globex", "GG")]
    [InlineData("Mary Ann van Dyke", "MD")]
    [InlineData("Cher", "C")]
    [InlineData("  Sam   Reader  ", "SR")]
    [InlineData("Émile Zola", "ÉZ")]
    [InlineData("", "?")]
    [InlineData(null, "?")]
    public void Initials_are_first_and_last_word(string? name, string initials) => Assert.Equal(initials, Initials.Of(name));

    [Fact]
    public void A_letter_with_a_combining_mark_stays_whole() =>
        Assert.Equal("E\u0301", Initials.Of("e\u0301lodie"));
}
