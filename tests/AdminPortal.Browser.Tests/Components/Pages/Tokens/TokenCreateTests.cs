using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>Creating a token end to end: the one-time reveal, a secret that works on the API and is nowhere afterwards.</summary>
public sealed class TokenCreateTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Create_reveals_a_well_formed_secret_once_and_afterwards_it_is_nowhere()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        await tokens.OpenCreateAsync();
        var dialog = tokens.Dialog;
        var save = dialog.GetByRole(AriaRole.Button, new() { Name = "Save" });

        var guid = await dialog.GetByLabel("GUID", new() { Exact = true }).InputValueAsync();
        await Assertions.Expect(save).ToBeDisabledAsync();

        await tokens.FillFormAsync("Nightly export", ["audit:read"], "Copies the audit log to cold storage.");
        await Assertions.Expect(save).ToBeEnabledAsync();
        await Screenshots.SaveAsync(tokens.Page, "tokens-create-dialog");
        await tokens.SaveAsync();

        await tokens.ExpectDialogAsync("Token 'Nightly export' created");
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
