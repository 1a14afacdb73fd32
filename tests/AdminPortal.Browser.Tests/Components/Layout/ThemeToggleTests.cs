using AdminPortal.Components.Layout;

namespace AdminPortal.Browser.Tests.Components.Layout;

public sealed class ThemeToggleTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Theme_toggle_click_is_answered_by_the_server_over_the_circuit_and_survives_a_reload()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        var html = page.Locator("html");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });

        // Prerendered disabled; enabled only once blazor.web.js has connected the circuit.
        await Assertions.Expect(toggle).ToBeEnabledAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await Screenshots.SaveAsync(page, "tokens-shell-light");

        await toggle.ClickAsync();

        // The server handled the click and told the browser to store the choice and swap the stylesheet.
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(page.Locator("#portal-theme")).ToHaveAttributeAsync("href", "theme/dark.css");
        await Screenshots.SaveAsync(page, "tokens-shell-dark");
        await browser.Context.WaitForCookieAsync(PortalTheme.CookieName, "dark");

        var reloaded = await page.ReloadAsync();

        // The server renders the dark theme from the first byte: no flash of the light one.
        var served = await reloaded!.TextAsync();
        Assert.Contains("data-theme=\"dark\"", served, StringComparison.Ordinal);
        Assert.Contains("href=\"theme/dark.css\"", served, StringComparison.Ordinal);
        await Assertions.Expect(toggle).ToBeEnabledAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");

        await toggle.ClickAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "light");
        await browser.Context.WaitForCookieAsync(PortalTheme.CookieName, "light");
        await page.ReloadAsync();
        await Assertions.Expect(html).ToHaveAttributeAsync("data-theme", "light");
    }

    [Fact]
    public async Task Chosen_theme_also_applies_to_the_sign_in_page_after_sign_out()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        var page = browser.Page;
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await Assertions.Expect(toggle).ToBeEnabledAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await browser.Context.WaitForCookieAsync(PortalTheme.CookieName, "dark");

        await page.SignOutAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
    }
}
