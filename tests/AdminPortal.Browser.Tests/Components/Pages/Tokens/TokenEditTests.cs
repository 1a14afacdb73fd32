using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>What happens when two people edit the same token in two browsers.</summary>
public sealed class TokenEditTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
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
