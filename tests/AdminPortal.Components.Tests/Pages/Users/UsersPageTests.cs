using AdminPortal.Components.Pages.Users;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Users;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Components.Tests.Pages.Users;

/// <summary>The users page of a full admin: who is listed, what each row offers, and the confirmations and messages.</summary>
public sealed class UsersPageTests : PortalComponentTest
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task Full_admin_sees_the_tenants_people_with_role_state_tokens_and_the_action_each_row_offers()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        var sam = await UserAsync(Role.SecurityReader, name: "Sam Reader");
        await UserAsync(Role.FullAdmin, tenant: "tenant-b", name: "Gus Globex");
        await CreateAsync(uma, "laptop script");
        await CreateAsync(uma, "alert webhook");
        Assert.True((await Users.DeactivateAsync(ada.Id, sam.Id)).Succeeded);
        SignInWithSession(ada);

        var cut = Render<UsersPage>();

        Assert.Equal(3, cut.FindAll(".users-table tbody tr").Count);
        Assert.DoesNotContain("Gus Globex", cut.Markup);
        var adaRow = Row(cut, "Ada Admin");
        Assert.Contains("Full admin", adaRow.TextContent);
        Assert.Contains("Active", adaRow.QuerySelector(".users-status")!.TextContent);
        Assert.Equal("You", adaRow.QuerySelector(".users-self")!.TextContent);
        Assert.Empty(adaRow.QuerySelectorAll("button"));
        var umaRow = Row(cut, "Uma User");
        Assert.Contains(uma.Email, umaRow.TextContent);
        Assert.Equal("2", umaRow.QuerySelector(".users-count")!.TextContent);
        Assert.NotNull(umaRow.QuerySelector("button[aria-label='Deactivate Uma User']"));
        var samRow = Row(cut, "Sam Reader");
        Assert.Contains("Security reader", samRow.TextContent);
        Assert.Contains("Deactivated", samRow.QuerySelector(".users-status")!.TextContent);
        Assert.NotNull(samRow.QuerySelector("button[aria-label='Reactivate Sam Reader']"));
        Assert.Null(samRow.QuerySelector("button[aria-label='Deactivate Sam Reader']"));
    }

    [Fact]
    public async Task Deactivating_asks_first_then_suspends_the_person_and_says_so()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        await CreateAsync(uma, "laptop script");
        SignInWithSession(ada);
        var cut = Render<UsersPage>();

        cut.Find("button[aria-label='Deactivate Uma User']").Click();

        var dialog = cut.WaitForElement(".mud-dialog");
        Assert.Contains("Deactivate Uma User?", dialog.TextContent);
        Assert.Contains("calls with their 1 API token get \"permission denied\" at once", dialog.TextContent);
        Assert.True((await UserOf(ada, uma)).IsActive, "Nothing changes before the confirmation.");
        DialogButton(cut, "Deactivate").Click();

        cut.WaitForAssertion(() => Assert.Contains("Deactivated", Row(cut, "Uma User").QuerySelector(".users-status")!.TextContent));
        Assert.False((await UserOf(ada, uma)).IsActive);
        Assert.Contains("Uma User is deactivated; their 1 API token is suspended.", cut.Find(".mud-snackbar").TextContent);
        Assert.NotNull(Row(cut, "Uma User").QuerySelector("button[aria-label='Reactivate Uma User']"));
        Assert.Empty(cut.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task Cancelling_the_confirmation_changes_nothing()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        SignInWithSession(ada);
        var cut = Render<UsersPage>();

        cut.Find("button[aria-label='Deactivate Uma User']").Click();
        cut.WaitForElement(".mud-dialog");
        DialogButton(cut, "Cancel").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-dialog")));
        Assert.True((await UserOf(ada, uma)).IsActive);
        Assert.Contains("Active", Row(cut, "Uma User").QuerySelector(".users-status")!.TextContent);
        Assert.Empty(cut.FindAll(".mud-snackbar"));
    }

    [Fact]
    public async Task Reactivating_lifts_the_suspension_after_confirmation()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        Assert.True((await Users.DeactivateAsync(ada.Id, uma.Id)).Succeeded);
        SignInWithSession(ada);
        var cut = Render<UsersPage>();

        cut.Find("button[aria-label='Reactivate Uma User']").Click();
        Assert.Contains("Reactivate Uma User?", cut.WaitForElement(".mud-dialog").TextContent);
        DialogButton(cut, "Reactivate").Click();

        cut.WaitForAssertion(() => Assert.Contains("Uma User is active again", cut.Find(".mud-snackbar").TextContent));
        Assert.True((await UserOf(ada, uma)).IsActive);
    }

    [Fact]
    public async Task A_refusal_of_the_service_is_shown_and_the_list_refreshed()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var ali = await UserAsync(Role.FullAdmin, name: "Ali Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        SignInWithSession(ada);
        var cut = Render<UsersPage>();
        // Meanwhile another admin deactivates Uma: this page's row is stale.
        Assert.True((await Users.DeactivateAsync(ali.Id, uma.Id)).Succeeded);

        cut.Find("button[aria-label='Deactivate Uma User']").Click();
        cut.WaitForElement(".mud-dialog");
        DialogButton(cut, "Deactivate").Click();

        cut.WaitForAssertion(() => Assert.Contains("Uma User is already deactivated.", cut.Find(".mud-snackbar").TextContent));
        Assert.Contains("Deactivated", Row(cut, "Uma User").QuerySelector(".users-status")!.TextContent);
        Assert.EndsWith("/", Navigation.Uri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.User)]
    [InlineData(Role.SecurityReader)]
    public async Task Everyone_but_full_admins_is_told_the_page_is_not_theirs_and_sees_no_one(Role role)
    {
        await UserAsync(Role.FullAdmin, name: "Ada Admin");
        SignInWithSession(await UserAsync(role));

        var cut = Render<UsersPage>();

        Assert.Contains("Only full admins manage the users of the organisation.", cut.Find("[role=alert]").TextContent);
        Assert.Empty(cut.FindAll("tr"));
    }

    [Fact]
    public async Task Built_in_operator_cannot_be_deactivated_and_says_why()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        await Users.OperatorAsync("tenant-a", "TENANT-A");
        SignInWithSession(ada);

        var cut = Render<UsersPage>();

        var row = Row(cut, BuiltInUsers.OperatorName);
        Assert.Empty(row.QuerySelectorAll("button"));
        var note = row.QuerySelector(".users-self")!;
        Assert.Equal("Built-in", note.TextContent);
        Assert.Equal("The command line acts as this user; it cannot be deactivated.", note.GetAttribute("title"));
    }

    private async Task<UserView> UserOf(PortalUser admin, PortalUser user) =>
        (await Users.ListAsync(admin.Id)).Value!.Single(u => u.Id == user.Id);

    private static IElement Row(IRenderedComponent<UsersPage> cut, string name) =>
        cut.FindAll(".users-table tbody tr").Single(r => r.QuerySelector(".users-name")?.TextContent == name);

    private static IElement DialogButton(IRenderedComponent<UsersPage> cut, string text) =>
        cut.Find(".mud-dialog").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == text);
}
