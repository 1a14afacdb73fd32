namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>Each filter's effect on the list, and the address it writes so that a reload or a bookmark shows the same view.</summary>
public sealed class TokenFilterBarTests : TokensPageTest
{
    [Fact]
    public async Task Name_keywords_must_all_match_go_in_the_address_and_clear_filters_brings_the_default_view_back()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);

        Search(cut, "Search by name", "ci TERRA");

        ExpectNames(cut, "Terraform CI");
        Assert.Equal("?name=ci%20TERRA", Address);

        Search(cut, "Search by name", "ci export");
        ExpectNames(cut);
        Assert.Equal("No tokens match these filters.", cut.Find(".token-empty-title").TextContent.Trim());

        Button(cut.Find(".token-filters-toolbar"), "Clear filters")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("6 matching tokens", Count(cut)));
        Assert.Equal("", Address);
        Assert.Equal("", cut.Find("#filter-name").GetAttribute("value"));
    }

    [Fact]
    public async Task A_view_from_the_address_fills_the_filters_and_shows_its_tokens()
    {
        var (admin, _, _) = await DemoAsync();

        var cut = Open(admin, $"?name=ci%20TERRA&status=all&owner={admin.Id}");

        ExpectNames(cut, "Terraform CI");
        Assert.Equal("ci TERRA", cut.Find("#filter-name").GetAttribute("value"));
        Assert.Equal("Any status", Shown(cut, "Status"));
        Assert.Equal("Ada Admin", Shown(cut, "Owner"));
    }

    [Fact]
    public async Task Scope_status_and_usage_from_the_address_show_in_their_filters()
    {
        var (_, user, _) = await DemoAsync();

        var cut = Open(user, "?status=revoked&usage=generated&scope=tokens:read");

        Assert.Equal("0 matching tokens", Count(cut));
        Assert.Equal("Revoked", Shown(cut, "Status"));
        Assert.Equal("Generated", Shown(cut, "Usage"));
        Assert.Equal("tokens:read", Shown(cut, "Scope"));
    }

    [Fact]
    public async Task A_GUID_finds_its_token_by_its_beginning_and_a_malformed_one_says_what_a_GUID_looks_like()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);
        var guid = Row(cut, "SIEM export").QuerySelector("[data-guid]")!.GetAttribute("data-guid")!;

        Search(cut, "Search by GUID", guid[..8].ToUpperInvariant());

        ExpectNames(cut, "SIEM export");
        Assert.Equal($"?guid={guid[..8].ToUpperInvariant()}", Address);

        Search(cut, "Search by GUID", "not-a-guid");
        cut.WaitForAssertion(() => Assert.Contains("Search a GUID by its hexadecimal digits and dashes", cut.Find(".token-grid .mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Equal("0 matching tokens", Count(cut));
    }

    [Fact]
    public async Task Scope_usage_and_status_filters_combine_and_each_lives_in_the_address()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);

        Choose(cut, "Scope", "audit:read");
        ExpectNames(cut, "Audit dashboard", "Quarterly access review", "SIEM export");
        Assert.Equal("?scope=audit%3Aread", Address);

        Choose(cut, "Usage", "Generated");
        ExpectNames(cut, "Audit dashboard", "Quarterly access review");
        Assert.Equal("?scope=audit%3Aread&usage=generated", Address);

        Choose(cut, "Status", "Active");
        ExpectNames(cut, "Audit dashboard");
        Assert.Equal("?scope=audit%3Aread&status=active&usage=generated", Address);
    }

    [Fact]
    public async Task The_revoked_status_shows_revoked_tokens_and_an_owner_narrows_every_status_to_their_tokens()
    {
        var (admin, user, _) = await DemoAsync();
        var cut = Open(admin);

        Choose(cut, "Status", "Revoked");
        ExpectNames(cut, "Old deploy key");
        Assert.Contains("Revoked", Row(cut, "Old deploy key").TextContent, StringComparison.Ordinal);
        Assert.Equal("?status=revoked", Address);

        Choose(cut, "Status", "Any status");
        Choose(cut, "Owner", "Uma User");
        ExpectNames(cut, "Laptop script", "Alert webhook");
        Assert.Equal($"?status=all&owner={user.Id:D}", Address);
    }

    [Fact]
    public async Task The_status_choices_say_what_each_selects()
    {
        var (admin, _, _) = await DemoAsync();
        var cut = Open(admin);

        OpenSelect(cut, "Status");

        cut.WaitForAssertion(() => Assert.Equal(9, cut.FindAll(".mud-popover-open .choice-item").Count));
        Assert.Contains(cut.FindAll(".mud-popover-open .choice-item"), i => i.TextContent.Contains("Restorable until they expire", StringComparison.Ordinal));
        Assert.Contains(cut.FindAll(".mud-popover-open .choice-item"), i => i.TextContent.Contains("Usable, ending within the notice period", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reader_can_filter_by_the_scopes_they_hold_only()
    {
        var (_, _, reader) = await DemoAsync();
        var cut = Open(reader);

        OpenSelect(cut, "Scope");

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".mud-popover-open .mud-list-item")));
        var scopes = cut.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()).ToArray();
        Assert.Contains("audit:read", scopes);
        Assert.DoesNotContain("tokens:write", scopes);
    }
}
