using AdminPortal.Tokens.Model;
using AngleSharp.Dom;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>
/// The row actions through their dialogs: each confirmed by name, reported in a notification, reflected in the grid, and
/// the service's refusals shown in its own words. The one-time secret is shown before the list is refreshed.
/// </summary>
public sealed class TokensPageActionTests : TokensPageTest
{
    [Fact]
    public async Task Revoke_is_confirmed_by_name_reported_and_the_token_leaves_the_usable_view()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);

        Button(Row(cut, "Terraform CI"), "Revoke Terraform CI")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("Revoke 'Terraform CI'?", Dialog(cut).TextContent, StringComparison.Ordinal));
        Button(Dialog(cut), "Revoke")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Revoked 'Terraform CI'.", Notices(cut), StringComparison.Ordinal));
        ExpectNames(cut, "Audit dashboard", "Laptop script", "Alert webhook", "Quarterly access review", "SIEM export");
        Assert.Equal(TokenValidity.Revoked, (await TokenAsync(admin, "Terraform CI")).Validity);
    }

    [Fact]
    public async Task Restore_brings_a_revoked_token_back()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin, "?status=revoked");

        Button(Row(cut, "Old deploy key"), "Restore Old deploy key")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("Restore 'Old deploy key'?", Dialog(cut).TextContent, StringComparison.Ordinal));
        Button(Dialog(cut), "Restore")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Restored 'Old deploy key'.", Notices(cut), StringComparison.Ordinal));
        ExpectNames(cut);
        Assert.Equal(TokenValidity.Valid, (await TokenAsync(admin, "Old deploy key")).Validity);
    }

    [Fact]
    public async Task Cancelling_a_confirmation_changes_nothing()
    {
        var (_, user, _) = await DemoAsync();
        var cut = Open(user);

        Button(Row(cut, "Laptop script"), "Delete Laptop script")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("Delete 'Laptop script'?", Dialog(cut).TextContent, StringComparison.Ordinal));
        Button(Dialog(cut), "Cancel")!.Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        ExpectNames(cut, "Laptop script", "Alert webhook");
        Assert.Equal(TokenValidity.Valid, (await TokenAsync(user, "Laptop script")).Validity);
    }

    [Fact]
    public async Task Delete_removes_the_token_and_the_count_follows()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin, "?status=all");

        Button(Row(cut, "Quarterly access review"), "Delete Quarterly access review")!.Click();
        cut.WaitForAssertion(() => Assert.NotNull(Button(Dialog(cut), "Delete")));
        Button(Dialog(cut), "Delete")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Deleted 'Quarterly access review'.", Notices(cut), StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Equal("6 matching tokens", Count(cut)));
        Assert.DoesNotContain("Quarterly access review", Names(cut));
    }

    [Fact]
    public async Task An_action_the_service_refuses_is_reported_in_its_words_and_the_grid_shows_what_is_true()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);
        var siem = await TokenAsync(admin, "SIEM export");

        Button(Row(cut, "SIEM export"), "Revoke SIEM export")!.Click();
        cut.WaitForAssertion(() => Assert.NotNull(Button(Dialog(cut), "Revoke")));
        Assert.True((await Tokens.DeleteAsync(admin.Id, siem.Id, Xunit.TestContext.Current.CancellationToken)).Succeeded);
        Button(Dialog(cut), "Revoke")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Could not revoke 'SIEM export'", Notices(cut), StringComparison.Ordinal));
        ExpectNames(cut, "Audit dashboard", "Laptop script", "Alert webhook", "Quarterly access review", "Terraform CI");
    }

    [Fact]
    public async Task Roll_shows_the_new_secret_once_then_reports_and_the_secret_is_gone_from_the_page()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);

        Button(Row(cut, "Terraform CI"), "Roll secret of Terraform CI")!.Click();
        cut.WaitForAssertion(() => Assert.NotNull(Button(Dialog(cut), "Roll secret")));
        Button(Dialog(cut), "Roll secret")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("New secret for 'Terraform CI'", Dialog(cut).TextContent, StringComparison.Ordinal));
        var secret = SecretShown(cut);
        Assert.Matches("^adp_[0-9A-Za-z]{36}$", secret);
        Button(Dialog(cut), "Done")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Rolled the secret of 'Terraform CI'.", Notices(cut), StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_secret_is_shown_even_when_the_list_cannot_be_refreshed_afterwards()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);
        await ExecuteAsync("""
            CREATE TRIGGER spoil_rolled AFTER UPDATE OF SecretHash ON Tokens WHEN NEW.Name = 'Terraform CI'
            BEGIN UPDATE Tokens SET Scopes = 'not json' WHERE Id = NEW.Id; END;
            """);

        Button(Row(cut, "Terraform CI"), "Roll secret of Terraform CI")!.Click();
        cut.WaitForAssertion(() => Assert.NotNull(Button(Dialog(cut), "Roll secret")));
        Button(Dialog(cut), "Roll secret")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("New secret for 'Terraform CI'", Dialog(cut).TextContent, StringComparison.Ordinal));
        Assert.Matches("^adp_[0-9A-Za-z]{36}$", SecretShown(cut));
        Button(Dialog(cut), "Done")!.Click();
        cut.WaitForAssertion(() => Assert.Contains("could not be refreshed", Notices(cut), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markup_in_a_name_and_description_is_shown_as_text()
    {
        const string Name = "<img src=x onerror=\"alert('name')\">";
        const string Description = "<script>alert('script')</script><a href=\"javascript:alert('link')\">click</a>";
        var user = await UserAsync(Role.User, name: "Uma User");
        Assert.True((await Tokens.CreateAsync(user.Id, new() { Name = Name, Description = Description, Scopes = ["tokens:read"] })).Succeeded);

        var cut = Open(user);

        Assert.Equal([Name], Names(cut));
        Assert.Equal(Description, Row(cut, Name).QuerySelector(".token-description")!.TextContent);
        Assert.Empty(cut.FindAll(".token-grid img, .token-grid script, .token-grid a[href^='javascript:']"));
    }

    private static IElement Dialog(IRenderedComponent<AdminPortal.Components.Pages.Tokens.TokensPage> cut) => cut.FindAll(".mud-dialog")[^1];

    private static string Notices(IRenderedComponent<AdminPortal.Components.Pages.Tokens.TokensPage> cut) =>
        string.Join("\n", cut.FindAll(".mud-snackbar").Select(s => s.TextContent));

    /// <summary>The secret in the open reveal dialog (the value of its input labelled "Secret").</summary>
    private static string SecretShown(IRenderedComponent<AdminPortal.Components.Pages.Tokens.TokensPage> cut)
    {
        var dialog = Dialog(cut);
        var label = dialog.QuerySelectorAll("label").First(l => l.TextContent.Trim() == "Secret");
        var input = label.GetAttribute("for") is { } id ? dialog.QuerySelector($"[id='{id}']") : label.QuerySelector("input");
        return input!.GetAttribute("value") ?? "";
    }

    private async Task<AdminPortal.Tokens.Service.TokenView> TokenAsync(PortalUser owner, string name) =>
        (await Tokens.QueryAsync(owner.Id, new() { Name = name, AllOfTenant = owner.Role == Role.FullAdmin, Validity = [] },
            Xunit.TestContext.Current.CancellationToken)).Value!.Items.Single(t => t.Name == name);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Folder, "adminportal.db")};Pooling=False");
        await connection.OpenAsync(Xunit.TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Xunit.TestContext.Current.CancellationToken);
    }
}
