using AdminPortal.SignIn;

namespace AdminPortal.Tests.SignIn;

/// <summary>The one rule for where a sign-in may send the browser back to.</summary>
public sealed class ReturnUrlsTests
{
    public static TheoryData<string> Hostile => [.. HostileReturnUrls.All];

    public static TheoryData<string> LocalButOdd => [.. HostileReturnUrls.LocalButOdd];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_return_address_becomes_the_token_list(string returnUrl) =>
        Assert.Equal("/tokens", ReturnUrls.Safe(returnUrl));

    [Theory]
    [InlineData("/tokens")]
    [InlineData("/audit")]
    [InlineData("/tokens?name=ci&status=revoked")]
    [InlineData("/users#top")]
    [InlineData("/")]
    public void Local_path_is_kept(string returnUrl) => Assert.Equal(returnUrl, ReturnUrls.Safe(returnUrl));

    [Theory]
    [MemberData(nameof(LocalButOdd))]
    public void Encoded_slashes_inside_a_local_path_stay_a_local_path(string returnUrl) =>
        Assert.Equal(returnUrl, ReturnUrls.Safe(returnUrl));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_return_address_means_the_token_list(string? returnUrl) => Assert.Equal("/tokens", ReturnUrls.Safe(returnUrl));
}
