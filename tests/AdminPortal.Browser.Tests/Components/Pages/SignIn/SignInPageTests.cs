namespace AdminPortal.Browser.Tests.Components.Pages.SignIn;

/// <summary>
/// The development sign-in in a real browser: keyboard, form post and landing where the person was going. What the page
/// lists is tested with bUnit (AdminPortal.Components.Tests, Pages/SignIn).
/// </summary>
public sealed class SignInPageTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Demo_user_can_be_chosen_with_the_keyboard_and_lands_where_they_were_going()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal);
        var page = browser.Page;
        await page.GotoAsync("/audit");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);

        var ada = page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Ada Admin" });
        for (var i = 0; i < 10 && !await ada.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Assertions.Expect(ada).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
    }
}
