using AdminPortal.Components.Pages.Tokens;

namespace AdminPortal.Components.Tests.Pages.Tokens.Dialogs;

/// <summary>Confirmations of revoke, restore, roll and delete: they name the token, and only the confirm button says yes.</summary>
public sealed class ConfirmTokenActionDialogTests : TokenDialogTest
{
    [Theory]
    [InlineData(TokenAction.Revoke, "Revoke token", "Revoke 'Terraform CI'?", "Revoke", true)]
    [InlineData(TokenAction.Restore, "Restore token", "Restore 'Terraform CI'?", "Restore", false)]
    [InlineData(TokenAction.Roll, "Roll secret", "Roll the secret of 'Terraform CI'?", "Roll secret", true)]
    [InlineData(TokenAction.Delete, "Delete token", "Delete 'Terraform CI'?", "Delete", true)]
    public async Task A_confirmation_names_the_token_and_confirming_answers_yes(TokenAction action, string title, string question, string confirm, bool destructive)
    {
        var answer = await OpenAsync(action);

        Assert.Equal(title, Dialog.QuerySelector(".mud-dialog-title")!.TextContent.Trim());
        Assert.Equal(question, Dialog.QuerySelector(".confirm-question")!.TextContent.Trim());
        var buttons = Dialog.QuerySelectorAll(".mud-dialog-actions button").Select(b => b.TextContent.Trim());
        Assert.Equal(["Cancel", confirm], buttons);
        Assert.Equal(destructive, Button(confirm).ClassList.Contains("mud-button-filled-error"));

        Button(confirm).Click();

        Assert.True(await answer.WaitAsync(Xunit.TestContext.Current.CancellationToken));
        ExpectNoDialog();
    }

    [Fact]
    public async Task Cancel_answers_no()
    {
        var answer = await OpenAsync(TokenAction.Delete);

        Button("Cancel").Click();

        Assert.False(await answer.WaitAsync(Xunit.TestContext.Current.CancellationToken));
        ExpectNoDialog();
    }

    [Fact]
    public async Task A_click_beside_the_confirmation_answers_no()
    {
        var answer = await OpenAsync(TokenAction.Revoke);

        Host.Find(".mud-overlay").Click();

        Assert.False(await answer.WaitAsync(Xunit.TestContext.Current.CancellationToken));
        ExpectNoDialog();
    }

    private async Task<Task<bool>> OpenAsync(TokenAction action)
    {
        var user = await UserAsync();
        var token = (await CreateAsync(user, "Terraform CI")).Token;
        await ContextAsync(user);
        Task<bool> answer = null!;
        // A statement, not an expression: InvokeAsync must not await the answer, which comes only when the dialog closes.
        await Host.InvokeAsync(() => { answer = TokenDialogs.ConfirmAsync(Dialogs, TokenActionTexts.For(action, token)); });
        Host.WaitForElement("[role='dialog'] .confirm");
        return answer;
    }
}
