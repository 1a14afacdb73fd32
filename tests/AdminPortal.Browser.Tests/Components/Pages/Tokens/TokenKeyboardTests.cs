namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>The page and its dialogs work from the keyboard alone, and dialogs keep the focus inside.</summary>
public sealed class TokenKeyboardTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task A_token_can_be_created_and_its_secret_read_with_the_keyboard_alone()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        var keyboard = tokens.Page.Keyboard;
        var create = tokens.Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First;

        await create.FocusAsync();
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(tokens.Dialog.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
        await keyboard.TypeAsync("Keyboard token");
        await TabToAsync(tokens, tokens.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "alerts:read", Exact = true }));
        await keyboard.PressAsync("Space");
        await TabToAsync(tokens, tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }));
        await keyboard.PressAsync("Enter");

        await tokens.ExpectDialogAsync("Token 'Keyboard token' created");
        await Assertions.Expect(tokens.Dialog.GetByLabel("Secret", new() { Exact = true })).ToBeFocusedAsync();
        for (var i = 0; i < 12; i++)
        {
            await keyboard.PressAsync("Tab");
            Assert.True(await tokens.Page.EvaluateAsync<bool>("() => !!document.activeElement.closest('.mud-dialog-container')"), "Focus left the dialog.");
        }

        await TabToAsync(tokens, tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }));
        await keyboard.PressAsync("Enter");
        await Assertions.Expect(tokens.Dialog).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Row("Keyboard token")).ToHaveCountAsync(1);
        await Assertions.Expect(create).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Escape_cancels_a_confirmation_and_the_row_actions_are_reachable()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        var revoke = tokens.RowAction("Laptop script", "Revoke");

        await revoke.FocusAsync();
        await tokens.Page.Keyboard.PressAsync("Enter");
        await tokens.ExpectDialogAsync("Revoke token");
        await Assertions.Expect(tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await tokens.Page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(tokens.Dialog).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Row("Laptop script")).ToContainTextAsync("Active");
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 30 times).</summary>
    private static async Task TabToAsync(TokensPageDriver tokens, ILocator target)
    {
        for (var i = 0; i < 30 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await tokens.Page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(target).ToBeFocusedAsync();
    }
}
