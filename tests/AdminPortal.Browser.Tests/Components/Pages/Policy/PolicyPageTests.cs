using AdminPortal.Browser.Tests.Accessibility;
using AdminPortal.Browser.Tests.Components.Layout;

namespace AdminPortal.Browser.Tests.Components.Pages.Policy;

/// <summary>
/// The token policy page in a real browser: a full admin saves a maximum lifetime and sees the demo tokens that break
/// it, in the light and the dark theme, at 1400 px and on a phone, with no serious accessibility violation. The
/// settings, errors, conflict and bulk actions are tested with bUnit (AdminPortal.Components.Tests, Pages/Policy).
/// </summary>
public sealed class PolicyPageTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Theory]
    [InlineData("light", 90)]
    [InlineData("dark", 60)]
    public async Task Full_admin_saves_a_lifetime_and_sees_the_tokens_that_break_it_on_desktop_and_phone(string theme, int days)
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        if (theme == "dark")
        {
            await browser.UseDarkThemeAsync(portal);
        }

        await page.SetViewportSizeAsync(1400, 900);
        await page.GotoAsync("/policy");
        await Assertions.Expect(page.Locator(".policy-page[data-interactive='true']")).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
        var lifetime = page.GetByLabel("Maximum lifetime (days)");
        await lifetime.FillAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await lifetime.BlurAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save policy" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Saved the token policy.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"to {days} days" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".policy-violations-table tbody tr").First).ToBeVisibleAsync();
        // The success message leaves by itself (the theme's green under its text is checked where it stays, not here).
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await SaveAsync(page, $"policy-{theme}-1400");
        var found = await Axe.SeriousViolationsAsync(page, $"policy-{theme}");

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".policy-violations-table tbody tr").First).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await SaveAsync(page, $"policy-{theme}-390");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 390 px.");

        Assert.True(found.Count == 0, $"{found.Count} serious or critical violations:\n{string.Join('\n', found)}");
    }

    private static Task SaveAsync(IPage page, string name) => Screenshots.SaveAsync(page, name);
}
