using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>Revoke, restore, roll and delete: each confirmed by name, each reported, each reflected in the grid.</summary>
public sealed class TokenLifecycleTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Revoke_then_restore_a_token()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);

        await tokens.ClickRowActionAsync("Terraform CI", "Revoke");
        await Assertions.Expect(tokens.Dialog).ToHaveAccessibleNameAsync("Revoke token");
        await tokens.ConfirmAsync("Revoke", "Terraform CI");

        await tokens.ExpectNotificationAsync("Revoked 'Terraform CI'.");
        await Assertions.Expect(tokens.Row("Terraform CI")).ToHaveCountAsync(0);

        await tokens.ChooseAsync("Status", "Revoked");
        await tokens.ExpectNamesAsync("Old deploy key", "Terraform CI");
        var row = tokens.Row("Terraform CI");
        await Assertions.Expect(row).ToContainTextAsync("Revoked");
        await Assertions.Expect(row).ToContainTextAsync("revoked");
        await Assertions.Expect(tokens.RowAction("Terraform CI", "Revoke")).ToBeDisabledAsync();
        await Assertions.Expect(tokens.RowAction("Terraform CI", "Roll secret of")).ToBeDisabledAsync();

        await tokens.ClickRowActionAsync("Terraform CI", "Restore");
        await tokens.ConfirmAsync("Restore", "Terraform CI");

        await tokens.ExpectNotificationAsync("Restored 'Terraform CI'.");
        await tokens.ExpectNamesAsync("Old deploy key");
        await tokens.ChooseAsync("Status", "Usable");
        await Assertions.Expect(tokens.Row("Terraform CI")).ToContainTextAsync("Active");
        await Assertions.Expect(tokens.RowAction("Terraform CI", "Revoke")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task Cancelling_a_confirmation_changes_nothing()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);

        await tokens.ClickRowActionAsync("Laptop script", "Delete");
        await Assertions.Expect(tokens.Dialog).ToContainTextAsync("Delete 'Laptop script'?");
        await tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Assertions.Expect(tokens.Dialog).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Row("Laptop script")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Roll_reveals_a_new_secret_once_and_only_the_owner_may_roll()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        await Assertions.Expect(tokens.RowAction("Laptop script", "Roll secret of")).ToBeDisabledAsync();
        var first = await tokens.CreateAsync("Rotation test", "tokens:read");

        await tokens.ClickRowActionAsync("Rotation test", "Roll secret of");
        await tokens.ConfirmAsync("Roll secret", "Rotation test");

        await Assertions.Expect(tokens.Dialog).ToHaveAccessibleNameAsync("New secret for 'Rotation test'");
        var rolled = await tokens.ReadSecretAndCloseAsync();
        Assert.NotEqual(first, rolled);
        Assert.True(new TokenSecretFormat("adp").IsWellFormed(rolled));
        await tokens.ExpectNotificationAsync("Rolled the secret of 'Rotation test'.");
        Assert.DoesNotContain(rolled, await tokens.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(401, (await tokens.CallApiAsync(first)).Status);
        Assert.Equal(200, (await tokens.CallApiAsync(rolled)).Status);
    }

    [Fact]
    public async Task Delete_removes_the_token_for_good()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, "?status=all");
        var before = await tokens.CountAsync();

        await tokens.ClickRowActionAsync("Quarterly access review", "Delete");
        await tokens.ConfirmAsync("Delete", "Quarterly access review");

        await tokens.ExpectNotificationAsync("Deleted 'Quarterly access review'.");
        await Assertions.Expect(tokens.Row("Quarterly access review")).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Count).ToHaveTextAsync($"{before - 1} matching tokens");
    }
}
