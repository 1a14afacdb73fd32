using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>Each filter and the sort, kept in the address so that a reload (or a bookmark) shows the same view.</summary>
public sealed class TokenFilterTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Name_keywords_must_all_match_and_survive_a_reload()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);

        await tokens.Page.GetByLabel("Search by name").FillAsync("ci TERRA");
        await tokens.ExpectNamesAsync("Terraform CI");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"/tokens\?name=ci%20TERRA$"));

        await tokens.Page.ReloadAsync();
        await tokens.WaitForListAsync();
        await tokens.ExpectNamesAsync("Terraform CI");
        await Assertions.Expect(tokens.Page.GetByLabel("Search by name")).ToHaveValueAsync("ci TERRA");

        await tokens.Page.GetByLabel("Search by name").FillAsync("ci export");
        await tokens.ExpectNamesAsync();
        await tokens.Page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).First.ClickAsync();
        await Assertions.Expect(tokens.Count).ToHaveTextAsync("6 matching tokens");
        await Assertions.Expect(tokens.Page.GetByLabel("Search by name")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_GUID_finds_its_token_by_its_beginning()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var guid = await tokens.GuidOfAsync("SIEM export");

        await tokens.Page.GetByLabel("Search by GUID").FillAsync(guid[..8].ToUpperInvariant());

        await tokens.ExpectNamesAsync("SIEM export");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex($@"guid={guid[..8].ToUpperInvariant()}"));

        await tokens.Page.GetByLabel("Search by GUID").FillAsync("not-a-guid");
        await Assertions.Expect(tokens.Page.GetByText("Search a GUID by its hexadecimal digits and dashes")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Scope_status_usage_and_owner_filters_combine_and_live_in_the_address()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);

        await tokens.FilterScopesAsync("audit:read");
        await tokens.ExpectNamesAsync("Audit dashboard", "Quarterly access review", "SIEM export");

        await tokens.ChooseAsync("Usage", "Generated");
        await tokens.ExpectNamesAsync("Quarterly access review");

        await tokens.ChooseAsync("Status", "Active");
        await tokens.ExpectNamesAsync();
        await Assertions.Expect(tokens.Page.GetByText("No tokens match these filters.")).ToBeVisibleAsync();

        await tokens.Page.GotoAsync("/tokens");
        await tokens.WaitForListAsync();
        await tokens.ChooseAsync("Status", "Revoked");
        await tokens.ExpectNamesAsync("Old deploy key");
        await Assertions.Expect(tokens.Row("Old deploy key")).ToContainTextAsync("Revoked");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"\?status=revoked$"));

        await tokens.ChooseAsync("Status", "Any status");
        await tokens.ChooseAsync("Owner", "Uma User");
        await tokens.ExpectNamesAsync("Laptop script", "Alert webhook");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"\?status=all&owner=[0-9a-f-]{36}$"));

        await tokens.Page.ReloadAsync();
        await tokens.WaitForListAsync();
        await tokens.ExpectNamesAsync("Laptop script", "Alert webhook");
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Combobox, new() { Name = "Owner" })).ToContainTextAsync("Uma User");
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Combobox, new() { Name = "Status" })).ToContainTextAsync("Any status");
    }

    [Fact]
    public async Task Sorting_by_name_and_by_is_active_runs_in_the_database_and_survives_a_reload()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, "?status=all");
        var name = tokens.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Name" });

        await name.ClickAsync();
        await tokens.ExpectNamesAsync("Alert webhook", "Audit dashboard", "Laptop script", "Old deploy key", "Quarterly access review", "SIEM export", "Terraform CI");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"sort=name&dir=asc"));
        await name.ClickAsync();
        await tokens.ExpectNamesAsync("Terraform CI", "SIEM export", "Quarterly access review", "Old deploy key", "Laptop script", "Audit dashboard", "Alert webhook");

        // Active tokens first (by name), then the inactive ones.
        await tokens.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Is active" }).ClickAsync();
        await tokens.ExpectNamesAsync("Alert webhook", "Audit dashboard", "Laptop script", "SIEM export", "Terraform CI", "Old deploy key", "Quarterly access review");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"status=all&sort=isactive&dir=desc$"));

        await tokens.Page.ReloadAsync();
        await tokens.WaitForListAsync();
        await tokens.ExpectNamesAsync("Alert webhook", "Audit dashboard", "Laptop script", "SIEM export", "Terraform CI", "Old deploy key", "Quarterly access review");
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Is active" })).ToHaveAttributeAsync("aria-sort", "descending");

        await tokens.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Is active" }).ClickAsync();
        await tokens.ExpectNamesAsync("Old deploy key", "Quarterly access review", "Alert webhook", "Audit dashboard", "Laptop script", "SIEM export", "Terraform CI");
    }

    [Fact]
    public async Task Page_size_is_chosen_from_10_25_50_100_and_kept_in_the_address()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, "?size=10&status=all");

        await Assertions.Expect(tokens.Page.Locator(".rz-pager")).ToContainTextAsync("Page 1 of 1 (7 tokens)");
        await tokens.Page.Locator(".rz-pager .rz-dropdown").ClickAsync();
        var sizes = tokens.Page.Locator(".rz-popup.rz-open").GetByRole(AriaRole.Option);
        await Assertions.Expect(sizes).ToHaveTextAsync(["10", "25", "50", "100"]);
        await sizes.Filter(new() { HasText = "50" }).ClickAsync();

        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"\?status=all&size=50$"));
    }
}
