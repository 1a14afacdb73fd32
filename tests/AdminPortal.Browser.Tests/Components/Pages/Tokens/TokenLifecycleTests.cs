using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>Rolling a secret end to end: the new secret is shown once and works on the API, the old one no longer does.</summary>
public sealed class TokenLifecycleTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Roll_reveals_a_new_secret_once_and_only_the_owner_may_roll()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        await Assertions.Expect(tokens.RowAction("Laptop script", "Roll secret of")).ToBeDisabledAsync();
        var first = await tokens.CreateAsync("Rotation test", "tokens:read");

        await tokens.ClickRowActionAsync("Rotation test", "Roll secret of");
        await tokens.ConfirmAsync("Roll secret", "Rotation test");

        await tokens.ExpectDialogAsync("New secret for 'Rotation test'");
        var rolled = await tokens.ReadSecretAndCloseAsync();
        Assert.NotEqual(first, rolled);
        Assert.True(new TokenSecretFormat("adp").IsWellFormed(rolled));
        await tokens.ExpectNotificationAsync("Rolled the secret of 'Rotation test'.");
        Assert.DoesNotContain(rolled, await tokens.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(401, (await tokens.CallApiAsync(first)).Status);
        Assert.Equal(200, (await tokens.CallApiAsync(rolled)).Status);
    }
}
