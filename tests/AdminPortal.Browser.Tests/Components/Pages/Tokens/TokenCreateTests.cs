using System.Globalization;
using System.Text.RegularExpressions;
using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>Creating tokens: the form's live reasons, the one-time reveal, and the service's refusals shown in the dialog.</summary>
public sealed class TokenCreateTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Create_reveals_a_well_formed_secret_once_and_afterwards_it_is_nowhere()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        await tokens.OpenCreateAsync();
        var dialog = tokens.Dialog;
        var save = dialog.GetByRole(AriaRole.Button, new() { Name = "Save" });

        // Save waits for a name and a scope, and says why beside each field.
        await Assertions.Expect(save).ToBeDisabledAsync();
        await Assertions.Expect(dialog.Locator("#token-name-problem")).ToHaveTextAsync(new Regex("Name is required."));
        await Assertions.Expect(dialog.Locator("#token-scopes-problem")).ToHaveTextAsync(new Regex("Choose at least one scope."));
        await Assertions.Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        var guid = await dialog.GetByLabel("GUID", new() { Exact = true }).InputValueAsync();
        await Assertions.Expect(dialog.GetByLabel("GUID", new() { Exact = true })).Not.ToBeEditableAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Regenerate GUID" }).ClickAsync();
        await Assertions.Expect(dialog.GetByLabel("GUID", new() { Exact = true })).Not.ToHaveValueAsync(guid);
        guid = await dialog.GetByLabel("GUID", new() { Exact = true }).InputValueAsync();

        // Past days are disabled in the calendar.
        await dialog.Locator(".rz-datepicker-trigger").First.ClickAsync();
        var today = DateTime.UtcNow.Date;
        var calendar = tokens.Page.Locator(".rz-popup.rz-open");
        await Assertions.Expect(calendar.Locator($"[id$='-day-{Day(today)}']")).Not.ToHaveAttributeAsync("aria-disabled", "true");
        await Assertions.Expect(calendar.Locator($"[id$='-day-{Day(today.AddDays(-1))}']")).ToHaveAttributeAsync("aria-disabled", "true");
        await tokens.Page.Keyboard.PressAsync("Escape");

        await tokens.FillFormAsync("Nightly export", ["audit:read"], "Copies the audit log to cold storage.");
        await Assertions.Expect(save).ToBeEnabledAsync();
        await Screenshots.SaveAsync(tokens.Page, "tokens-create-dialog");
        await tokens.SaveAsync();

        await Assertions.Expect(tokens.Dialog).ToHaveAccessibleNameAsync("Token 'Nightly export' created");
        await Assertions.Expect(tokens.Dialog).ToContainTextAsync("This is the only time it is shown");
        await Assertions.Expect(tokens.Dialog).ToContainTextAsync(guid);
        await Assertions.Expect(tokens.Dialog.GetByLabel("API base URL", new() { Exact = true })).ToHaveValueAsync(portal.BaseAddress + "api/v1");
        await Assertions.Expect(tokens.Dialog.Locator("pre")).ToContainTextAsync("curl -H \"Authorization: Bearer $ADMINPORTAL_TOKEN\"");
        await Assertions.Expect(tokens.Dialog.Locator("pre")).ToContainTextAsync($"{portal.BaseAddress}api/v1/me");
        await Screenshots.SaveAsync(tokens.Page, "tokens-reveal-dialog");
        var secret = await tokens.ReadSecretAndCloseAsync();

        Assert.Matches("^adp_[0-9A-Za-z]{36}$", secret);
        Assert.True(new TokenSecretFormat("adp").IsWellFormed(secret), "The secret's checksum does not match.");
        await tokens.ExpectNotificationAsync("Created 'Nightly export'.");
        await Assertions.Expect(tokens.Row("Nightly export")).ToContainTextAsync("Active");
        Assert.Equal(guid, await tokens.GuidOfAsync("Nightly export"));
        await ExpectSecretNowhereAsync(tokens.Page, secret);

        await tokens.Page.ReloadAsync();
        await tokens.WaitForListAsync();
        await ExpectSecretNowhereAsync(tokens.Page, secret);
        await tokens.Page.GoBackAsync();
        await tokens.Page.GoForwardAsync();
        await ExpectSecretNowhereAsync(tokens.Page, secret);

        // The secret works: the API answers as that token.
        var me = await tokens.CallApiAsync(secret);
        Assert.Equal(200, me.Status);
        Assert.Contains(guid, await me.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dates_in_the_wrong_order_keep_save_disabled_with_the_reason_beside_valid_to()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        await tokens.OpenCreateAsync();
        await tokens.FillFormAsync("Dated", ["alerts:read"]);
        var from = DateTime.UtcNow.AddDays(10);

        await TypeDateAsync(tokens.Dialog.GetByLabel("Valid from"), from);
        await TypeDateAsync(tokens.Dialog.GetByLabel("Valid to"), from.AddDays(-1));

        await Assertions.Expect(tokens.Dialog.Locator("#token-valid-to-problem")).ToHaveTextAsync(new Regex("Valid to must be after valid from."));
        await Assertions.Expect(tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeDisabledAsync();

        await TypeDateAsync(tokens.Dialog.GetByLabel("Valid to"), from.AddDays(30));
        await Assertions.Expect(tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToBeEnabledAsync();
        await tokens.SaveAsync();
        await tokens.ReadSecretAndCloseAsync();
        await Assertions.Expect(tokens.Row("Dated")).ToContainTextAsync("Scheduled");
    }

    [Fact]
    public async Task The_eleventh_usable_token_is_refused_in_the_dialog_and_nothing_is_created()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.OtherTenantAdmin);
        await tokens.ExpectNamesAsync("Globex ingest");
        for (var i = 2; i <= 10; i++)
        {
            await tokens.CreateAsync($"Batch {i}", "alerts:read");
        }

        await Assertions.Expect(tokens.Count).ToHaveTextAsync("10 matching tokens");
        await tokens.OpenCreateAsync();
        await tokens.FillFormAsync("Batch 11", ["alerts:read"]);
        await tokens.SaveAsync();

        await Assertions.Expect(tokens.Dialog.GetByRole(AriaRole.Alert))
            .ToContainTextAsync("The owner already has 10 usable tokens, the most allowed. Revoke or delete one first.");
        await tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(tokens.Count).ToHaveTextAsync("10 matching tokens");
        await Assertions.Expect(tokens.Row("Batch 11")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_taken_name_is_refused_beside_the_name_field()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        await tokens.OpenCreateAsync();
        await tokens.FillFormAsync("laptop SCRIPT", ["tokens:read"]);
        await tokens.SaveAsync();

        await Assertions.Expect(tokens.Dialog.Locator("#token-name-problem"))
            .ToHaveTextAsync(new Regex("You already have a token named 'laptop SCRIPT'. Choose another name."));
        await Assertions.Expect(tokens.Dialog).ToHaveAccessibleNameAsync("Create token");
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task TypeDateAsync(ILocator input, DateTime value)
    {
        await input.FillAsync(value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    /// <summary>Not in the page's HTML, its address, or the browser's storage.</summary>
    private static async Task ExpectSecretNowhereAsync(IPage page, string secret)
    {
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page.Url, StringComparison.Ordinal);
        var storage = await page.EvaluateAsync<string>(
            "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie, history.state])");
        Assert.DoesNotContain(secret, storage, StringComparison.Ordinal);
    }
}
