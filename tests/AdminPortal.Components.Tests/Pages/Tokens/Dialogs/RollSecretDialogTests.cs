using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Components.Tests.Pages.Tokens.Dialogs;

/// <summary>The roll confirmation offers the grace periods the token service allows, and answers the one chosen.</summary>
public sealed class RollSecretDialogTests : TokenDialogTest
{
    [Fact]
    public async Task The_roll_dialog_offers_only_the_grace_periods_within_the_policy_and_answers_the_chosen_one()
    {
        var admin = await UserAsync(Role.FullAdmin);
        Assert.True((await Tokens.ChangePolicyAsync(admin.Id, TenantPolicySettings.Defaults with { MaxRotationGraceHours = 24 }, 0,
            Xunit.TestContext.Current.CancellationToken)).Succeeded);
        var answer = await OpenAsync(admin);

        Assert.Equal(["None: the old secret stops at once", "1 hour", "1 day"], Choices());
        Assert.Contains("stops working at once", Dialog.QuerySelector(".confirm-consequence")!.TextContent, StringComparison.Ordinal);

        Radio("1 day").Click();
        Host.WaitForAssertion(() => Assert.Contains("keeps working for 1 day", Dialog.QuerySelector(".confirm-consequence")!.TextContent, StringComparison.Ordinal));
        Button("Roll secret").Click();

        Assert.Equal(TimeSpan.FromDays(1), await answer.WaitAsync(Xunit.TestContext.Current.CancellationToken));
        ExpectNoDialog();
    }

    [Fact]
    public async Task Without_a_policy_limit_every_grace_period_is_offered_and_cancel_answers_nothing()
    {
        var user = await UserAsync();
        var answer = await OpenAsync(user);

        Assert.Equal(["None: the old secret stops at once", "1 hour", "1 day", "7 days"], Choices());
        Assert.Equal(["Cancel", "Roll secret"], Dialog.QuerySelectorAll(".mud-dialog-actions button").Select(b => b.TextContent.Trim()));
        Button("Cancel").Click();

        Assert.Null(await answer.WaitAsync(Xunit.TestContext.Current.CancellationToken));
        ExpectNoDialog();
    }

    private List<string> Choices() => [.. Dialog.QuerySelectorAll(".mud-radio").Select(r => r.TextContent.Trim())];

    private AngleSharp.Dom.IElement Radio(string label) =>
        Dialog.QuerySelectorAll(".mud-radio").Single(r => r.TextContent.Trim() == label).QuerySelector("input")!;

    private async Task<Task<TimeSpan?>> OpenAsync(PortalUser user)
    {
        var token = (await CreateAsync(user, "Terraform CI")).Token;
        await ContextAsync(user);
        var choices = (await Tokens.GraceChoicesAsync(user.Id, Xunit.TestContext.Current.CancellationToken)).Value!;
        Task<TimeSpan?> answer = null!;
        await Host.InvokeAsync(() => { answer = TokenDialogs.ConfirmRollAsync(Dialogs, TokenActionTexts.For(TokenAction.Roll, token), choices); });
        Host.WaitForElement("[role='dialog'] .roll-grace");
        return answer;
    }
}
