using AdminPortal.Browser.Tests.Components.Layout;

namespace AdminPortal.Browser.Tests.Accessibility;

/// <summary>
/// Every page and every dialog of the portal, in the light and the dark theme, checked by axe-core against WCAG 2.1 AA
/// (contrast included): no serious or critical violation. Each screen is also saved as a screenshot (ADMINPORTAL_SCREENSHOTS).
/// </summary>
public sealed class AccessibilityTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    private const int DesktopWidth = 1400;
    private const int PhoneWidth = 390;

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_page_and_dialog_has_no_serious_or_critical_accessibility_violation(string theme)
    {
        var found = new List<Axe.Violation>();

        await using (var anonymous = await OpenAsync(theme, DesktopWidth))
        {
            await anonymous.Page.GotoAsync("/signin");
            await CheckAsync(anonymous.Page, $"signin-{theme}", found);
        }

        await using (var uma = await OpenAsync(theme, DesktopWidth, DevelopmentSignIn.User))
        {
            await TokensReadyAsync(uma.Page);
            await CheckAsync(uma.Page, $"tokens-user-{theme}", found);
        }

        await using var ada = await OpenAsync(theme, DesktopWidth, DevelopmentSignIn.Admin);
        var page = ada.Page;
        await TokensReadyAsync(page);
        await CheckAsync(page, $"tokens-admin-{theme}", found);

        // The create dialog, empty and then showing a validation message.
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var name = dialog.GetByLabel("Name", new() { Exact = true });
        await Assertions.Expect(name).ToBeFocusedAsync();
        await CheckAsync(page, $"create-{theme}", found);
        await name.FillAsync(new string('x', 101));
        await name.BlurAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("100");
        await CheckAsync(page, $"create-invalid-{theme}", found);

        // The one-time reveal.
        var tokenName = $"accessibility {theme}";
        await name.FillAsync(tokenName);
        await Components.Pages.Tokens.TokensPageDriver.TickAsync(dialog.GetByRole(AriaRole.Checkbox).First);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("Secret", new() { Exact = true })).Not.ToHaveValueAsync("");
        await CheckAsync(page, $"reveal-{theme}", found);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // The edit dialog and a confirmation.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Edit {tokenName}", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await CheckAsync(page, $"edit-{theme}", found);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {tokenName}", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await CheckAsync(page, $"confirm-revoke-{theme}", found);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        // The roll dialog with its grace periods, the reveal after a roll with one, and the grid saying until when the old secret works.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Roll secret of {tokenName}", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByText("1 day", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("keeps working for 1 day");
        await CheckAsync(page, $"roll-{theme}", found);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Roll secret", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("The old secret keeps working until");
        await CheckAsync(page, $"roll-reveal-{theme}", found);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Old secret valid until").First).ToBeVisibleAsync();

        // Once the roll's notification has gone: the grid is what is checked here.
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await CheckAsync(page, $"tokens-old-secret-{theme}", found);

        await page.GotoAsync("/audit");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(tokenName).First).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await CheckAsync(page, $"audit-{theme}", found);

        await page.GotoAsync("/users");
        await Assertions.Expect(page.GetByText("Uma User").First).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await CheckAsync(page, $"users-{theme}", found);

        await page.GotoAsync("/no-such-page");
        await CheckAsync(page, $"not-found-{theme}", found);

        Assert.True(found.Count == 0, $"{found.Count} serious or critical violations:\n{string.Join('\n', found)}");
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task On_a_phone_the_tokens_page_and_its_dialogs_fit_the_screen(string theme)
    {
        await using var phone = await OpenAsync(theme, PhoneWidth, DevelopmentSignIn.Admin);
        var page = phone.Page;
        await TokensReadyAsync(page);
        await Screenshots.SaveAsync(page, $"phone-tokens-admin-{theme}");
        await ExpectNoSidewaysScrollAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var box = await dialog.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X >= 0 && box.X + box.Width <= PhoneWidth, $"The dialog spans {box.X}..{box.X + box.Width} px of a {PhoneWidth} px screen.");
        await Screenshots.SaveAsync(page, $"phone-create-{theme}");
        await ExpectNoSidewaysScrollAsync(page);
    }

    // The page itself never scrolls sideways on a phone (a wide table may scroll inside its own box).
    private static async Task ExpectNoSidewaysScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"The page is {width} px wide on a {PhoneWidth} px screen.");
    }

    private static async Task CheckAsync(IPage page, string screen, List<Axe.Violation> found)
    {
        await Screenshots.SaveAsync(page, $"a11y-{screen}");
        found.AddRange(await Axe.SeriousViolationsAsync(page, screen));
    }

    private static async Task TokensReadyAsync(IPage page) =>
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First)
            .ToBeEnabledAsync(new() { Timeout = Circuit.StartTimeoutMs });

    private async Task<PortalSession> OpenAsync(string theme, int width, string? signInAs = null)
    {
        var context = await chromium.NewContextAsync(portal.BaseAddress);
        await context.AddCookiesAsync([new Cookie { Name = "adminportal.theme", Value = theme, Url = portal.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 900);
        if (signInAs is not null)
        {
            await page.SignInAsAsync(signInAs, "/tokens");
        }

        return new PortalSession(context, page);
    }
}
