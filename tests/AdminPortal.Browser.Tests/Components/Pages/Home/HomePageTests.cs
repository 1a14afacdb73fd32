namespace AdminPortal.Browser.Tests.Components.Pages.Home;

public sealed class HomePageTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Start_address_sends_visitors_to_sign_in_and_signed_in_people_to_their_tokens()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal);
        var page = browser.Page;

        await page.GotoAsync("/");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);

        await page.SignInAsAsync(DevelopmentSignIn.Reader);
        await page.GotoAsync("/");
        Assert.Equal("/tokens", new Uri(page.Url).AbsolutePath);
    }
}
