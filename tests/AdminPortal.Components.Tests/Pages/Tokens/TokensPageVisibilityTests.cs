using AdminPortal.Tokens.Model;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>Who sees which tokens on the page: the admin's whole tenant and All/My switch, a user's own tokens, and the empty states.</summary>
public sealed class TokensPageVisibilityTests : TokensPageTest
{
    [Fact]
    public async Task A_full_admin_sees_every_usable_token_of_the_tenant_newest_first_with_owners_badges_and_local_times()
    {
        var (admin, _, _) = await DemoAsync();

        var cut = Open(admin);

        // The revoked "Old deploy key" and tenant B's token are not in the default view.
        ExpectNames(cut, "Audit dashboard", "Laptop script", "Alert webhook", "Quarterly access review", "SIEM export", "Terraform CI");
        Assert.Equal("6 matching tokens", Count(cut));
        Assert.NotNull(Header(cut, "Owner"));
        Assert.Contains("Uma User", Row(cut, "Laptop script").TextContent, StringComparison.Ordinal);
        Assert.Contains("Scheduled", Row(cut, "Quarterly access review").TextContent, StringComparison.Ordinal);
        Assert.Contains("Inactive", Row(cut, "SIEM export").TextContent, StringComparison.Ordinal);
        Assert.Contains("Generated", Row(cut, "Laptop script").TextContent, StringComparison.Ordinal);
        Assert.Equal("Times in Europe/Berlin (UTC+01:00)", cut.Find(".token-grid-zone").TextContent.Trim());
        Assert.EndsWith("Europe/Berlin (UTC+01:00)", Row(cut, "Laptop script").QuerySelector(".token-date")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("descending", Header(cut, "Created")!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task A_full_admin_switches_to_their_own_tokens_and_the_owner_column_and_filter_go()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);

        cut.FindAll("[role=radio]").Single(r => r.TextContent.Trim() == "My tokens").Click();

        ExpectNames(cut, "Quarterly access review", "SIEM export", "Terraform CI");
        Assert.Equal("?view=mine", Address);
        Assert.Equal("true", cut.FindAll("[role=radio]").Single(r => r.TextContent.Trim() == "My tokens").GetAttribute("aria-checked"));
        Assert.Null(Header(cut, "Owner"));
        Assert.Empty(cut.FindAll("input[aria-label='Owner']"));
    }

    [Fact]
    public async Task A_user_sees_only_their_own_tokens_without_owner_column_filter_or_switch_even_when_the_address_asks_for_all()
    {
        var (_, user, _) = await DemoAsync();

        var cut = Open(user, "?view=all&status=all");

        ExpectNames(cut, "Laptop script", "Alert webhook");
        Assert.Empty(cut.FindAll("[role=radio]"));
        Assert.Null(Header(cut, "Owner"));
        Assert.Empty(cut.FindAll("input[aria-label='Owner']"));
        Assert.Equal("Your API tokens. A token carries at most your privileges; its secret is shown once, when it is created or rolled.",
            cut.Find(".tokens-lead").TextContent.Trim());
    }

    [Fact]
    public async Task A_user_without_tokens_is_offered_to_create_one_or_to_show_every_status()
    {
        var user = await UserAsync(Role.User, name: "New Person");
        var cut = Open(user);

        Assert.Equal("0 matching tokens", Count(cut));
        Assert.Equal("You have no usable tokens.", cut.Find(".token-empty-title").TextContent.Trim());
        Assert.NotNull(Button(cut.Find(".token-empty"), "Create token"));

        Button(cut.Find(".token-empty"), "Show all statuses")!.Click();

        cut.WaitForAssertion(() => Assert.Equal("?status=all", Address));
        Assert.Equal("Any status", Shown(cut, "Status"));
        Assert.Equal("No tokens match these filters.", cut.Find(".token-empty-title").TextContent.Trim());
    }

    [Fact]
    public async Task An_admin_of_an_empty_tenant_reads_that_the_organisation_has_no_usable_tokens()
    {
        var admin = await UserAsync(Role.FullAdmin, tenant: "tenant-c", name: "Cid Admin");

        var cut = Open(admin);

        Assert.Equal("No usable tokens in your organisation.", cut.Find(".token-empty-title").TextContent.Trim());
    }

    [Fact]
    public async Task Another_tenants_token_stays_invisible_even_by_its_GUID_or_owner_in_the_address()
    {
        var (admin, _, _) = await DemoAsync();
        var globex = await UserAsync(Role.FullAdmin, tenant: "tenant-b", name: "Gus Admin");
        var siem = (await Tokens.QueryAsync(admin.Id, new() { Name = "SIEM" }, Xunit.TestContext.Current.CancellationToken)).Value!.Items.Single();

        var cut = Open(globex, $"?guid={siem.Id}&status=all&owner={admin.Id}");

        Assert.Equal("0 matching tokens", Count(cut));
        Assert.DoesNotContain("SIEM export", cut.Markup, StringComparison.Ordinal);
        OpenSelect(cut, "Owner");
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-popover-open .mud-list-item")));
        Assert.DoesNotContain(cut.FindAll(".mud-popover-open .mud-list-item"), i => i.TextContent.Contains("Ada Admin", StringComparison.Ordinal));
    }
}
