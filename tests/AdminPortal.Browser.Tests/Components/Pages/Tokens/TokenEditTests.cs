using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>Editing in the pre-filled form, and what happens when two people edit the same token.</summary>
public sealed class TokenEditTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Edit_opens_the_token_pre_filled_and_saves_the_changes()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);

        await tokens.ClickRowActionAsync("Alert webhook", "Edit");

        var dialog = tokens.Dialog;
        await Assertions.Expect(dialog).ToHaveAccessibleNameAsync("Edit 'Alert webhook'");
        await Assertions.Expect(dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Alert webhook");
        await Assertions.Expect(dialog.GetByLabel("Description")).ToHaveValueAsync("Posts alerts to the on-call channel.");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = "alerts:write" })).ToBeCheckedAsync();
        await Assertions.Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Regenerate GUID" })).ToHaveCountAsync(0);

        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Alert webhook (on-call)");
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = "alerts:write" }).UncheckAsync();
        await tokens.SaveAsync();

        await tokens.ExpectNotificationAsync("Saved 'Alert webhook (on-call)'.");
        await Assertions.Expect(tokens.Dialog).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Row("Alert webhook (on-call)").Locator(".token-scope")).ToHaveTextAsync(["alerts:read"]);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_a_conflict_and_the_other_persons_change_is_kept()
    {
        await using var first = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        await using var second = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        await first.ClickRowActionAsync("SIEM export", "Edit");
        await second.ClickRowActionAsync("SIEM export", "Edit");

        await first.Dialog.GetByLabel("Description").FillAsync("Streams the audit log to the new SIEM.");
        await first.SaveAsync();
        await first.ExpectNotificationAsync("Saved 'SIEM export'.");

        await second.Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("SIEM export (old)");
        await second.SaveAsync();

        await Assertions.Expect(second.Dialog.GetByRole(AriaRole.Alert))
            .ToHaveTextAsync(new Regex("Someone else changed this token after you opened it. Their change was kept"));
        await second.Dialog.GetByRole(AriaRole.Button, new() { Name = "Reload token" }).ClickAsync();
        await Assertions.Expect(second.Dialog.GetByLabel("Description")).ToHaveValueAsync("Streams the audit log to the new SIEM.");
        await Assertions.Expect(second.Dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("SIEM export");
        await Assertions.Expect(second.Dialog.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);

        await second.Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("SIEM export (old)");
        await second.SaveAsync();
        await second.ExpectNotificationAsync("Saved 'SIEM export (old)'.");
        await Assertions.Expect(second.Row("SIEM export (old)")).ToContainTextAsync("Streams the audit log to the new SIEM.");
    }
}
