namespace AdminPortal.Browser.Tests.Components.Pages.SignIn;

public sealed class SignInPageTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Sign_in_page_is_marked_development_only_and_lists_each_demo_user_with_role_and_tenant()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal);
        var page = browser.Page;

        await page.GotoAsync("/signin");

        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Development sign-in");
        var acme = page.GetByRole(AriaRole.Region, new() { Name = "Acme Corp" });
        var globex = page.GetByRole(AriaRole.Region, new() { Name = "Globex" });
        await Assertions.Expect(acme.GetByRole(AriaRole.Button)).ToHaveCountAsync(3);
        await Assertions.Expect(globex.GetByRole(AriaRole.Button)).ToHaveCountAsync(1);
        await Assertions.Expect(acme.GetByRole(AriaRole.Button, new() { Name = "Sign in as Ada Admin" }).Locator(".signin-role")).ToHaveTextAsync("Full admin");
        await Assertions.Expect(acme.GetByRole(AriaRole.Button, new() { Name = "Sign in as Uma User" }).Locator(".signin-role")).ToHaveTextAsync("User");
        await Assertions.Expect(acme.GetByRole(AriaRole.Button, new() { Name = "Sign in as Sam Reader" }).Locator(".signin-role")).ToHaveTextAsync("Security reader");
        await Assertions.Expect(globex.GetByRole(AriaRole.Button, new() { Name = "Sign in as Gus Globex" }).Locator(".signin-role")).ToHaveTextAsync("Full admin");
        await Screenshots.SaveAsync(page, "signin-light");

        await browser.UseDarkThemeAsync(portal);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Screenshots.SaveAsync(page, "signin-dark");
    }

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

    [Fact]
    public async Task Deactivated_page_says_what_happened_in_both_themes()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal);
        var page = browser.Page;

        await page.GotoAsync("/signin/deactivated");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deactivated" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "deactivated-light");

        await browser.UseDarkThemeAsync(portal);
        await page.ReloadAsync();
        await Screenshots.SaveAsync(page, "deactivated-dark");
    }
}
