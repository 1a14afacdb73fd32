namespace AdminPortal.Browser.Tests.Components.Layout;

public sealed class TopBarTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Theory]
    [InlineData(DevelopmentSignIn.Admin, "Full admin", "Acme Corp", true)]
    [InlineData(DevelopmentSignIn.User, "User", "Acme Corp", false)]
    [InlineData(DevelopmentSignIn.Reader, "Security reader", "Acme Corp", false)]
    [InlineData(DevelopmentSignIn.OtherTenantAdmin, "Full admin", "Globex", true)]
    public async Task Top_bar_shows_who_is_signed_in_and_the_navigation_their_role_allows(
        string name, string role, string tenant, bool seesAuditLog)
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal);
        var page = browser.Page;

        await page.SignInAsAsync(name);

        var banner = page.GetByRole(AriaRole.Banner);
        await Assertions.Expect(banner.GetByText("AdminPortal", new() { Exact = true })).ToBeVisibleAsync();
        var user = banner.GetByRole(AriaRole.Group, new() { Name = $"Signed in as {name}" });
        await Assertions.Expect(user.Locator(".signed-in-name")).ToHaveTextAsync(name);
        await Assertions.Expect(user.Locator(".signed-in-role")).ToHaveTextAsync(role);
        await Assertions.Expect(user.Locator(".signed-in-tenant")).ToHaveTextAsync(tenant);
        await Assertions.Expect(user.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "API tokens" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(seesAuditLog ? 1 : 0);
    }

    [Fact]
    public async Task Audit_log_link_leads_to_the_log_and_becomes_the_current_page()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "audit").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task Keyboard_users_start_at_the_page_heading_and_reach_sign_out_and_the_theme_toggle_from_there()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        await page.GotoAsync("/audit");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await Assertions.Expect(toggle).ToBeEnabledAsync(new() { Timeout = Circuit.StartTimeoutMs });

        // Focus lands past the top bar, on the page's h1; the top bar is one step back.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(toggle).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
    }

    [Fact]
    public async Task Sign_out_ends_the_session_and_protected_pages_ask_to_sign_in_again()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;

        await page.SignOutAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.DoesNotContain(await browser.Context.CookiesAsync(), c => c.Name == "adminportal.session");

        await page.GotoAsync("/audit");
        Assert.Equal("/signin?ReturnUrl=%2Faudit", new Uri(page.Url).PathAndQuery);

        await page.GotoAsync("/");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);
    }
}
