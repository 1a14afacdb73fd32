using AdminPortal.Components.Pages.Audit;
using AdminPortal.Tokens.Model;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Components.Tests.Pages.Audit;

/// <summary>The audit log as a full admin uses it: rows, filters kept in the address, paging and empty states.</summary>
public sealed class AuditLogViewTests : PortalComponentTest
{
    private const string Berlin = "Europe/Berlin";

    public AuditLogViewTests() =>
        JSInterop.SetupModule("./js/browser-time.js").Setup<string?>("timeZone").SetResult(Berlin);

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private string Address => "/" + Navigation.ToBaseRelativePath(Navigation.Uri);

    [Fact]
    public async Task Full_admin_sees_the_tenants_actions_newest_first_in_the_browsers_time_zone()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        var outsider = await UserAsync(Role.FullAdmin, tenant: "tenant-b", name: "Gus Globex");
        await CreateAsync(uma, "laptop script");
        Clock.Advance(TimeSpan.FromMinutes(5));
        var deploy = await CreateAsync(ada, "old deploy key");
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await Tokens.RevokeAsync(ada.Id, deploy.Token.Id)).Succeeded);
        await CreateAsync(outsider, "globex ingest");
        SignIn(ada);

        var cut = await OpenAsync("/audit");

        var rows = Rows(cut);
        Assert.Equal(3, rows.Count);
        Assert.Equal("3 entries", cut.Find(".audit-count > span").TextContent);
        Assert.Contains("Revoked 'old deploy key'", rows[0].TextContent);
        Assert.Contains("Revoked", rows[0].QuerySelector(".audit-action")!.TextContent);
        Assert.Contains("Created 'laptop script'", rows[2].TextContent);
        Assert.DoesNotContain("globex", cut.Markup, StringComparison.OrdinalIgnoreCase);
        // 09:10 UTC on 29 November is 10:10 in Berlin; the UTC instant stays in the element for machines and tooltips.
        var when = rows[0].QuerySelector("time")!;
        Assert.Equal("2026-11-29 10:10:00", when.TextContent);
        Assert.Equal("2026-11-29T09:10:00Z", when.GetAttribute("datetime"));
        Assert.Equal("2026-11-29 09:10:00 UTC", when.GetAttribute("title"));
        Assert.Contains("Times in your time zone, Europe/Berlin (UTC+01:00)", cut.Find(".audit-zone").TextContent);
    }

    [Fact]
    public async Task Names_and_tokens_in_the_rows_link_to_the_log_filtered_by_them()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var token = await CreateAsync(ada, "ci deploy");
        SignIn(ada);

        var cut = await OpenAsync("/audit");

        var row = Rows(cut).Single();
        Assert.Equal($"audit?actor={ada.Id:D}", row.QuerySelector("a[title^='Show only actions by']")!.GetAttribute("href"));
        Assert.Equal($"audit?token={token.Token.Id:D}", row.QuerySelector("a[title='Show only entries about this token']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Actor_in_the_address_shows_only_that_persons_actions_and_names_them_in_the_picker()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        await CreateAsync(ada, "terraform ci");
        await CreateAsync(uma, "laptop script");
        await CreateAsync(uma, "alert webhook");
        SignIn(ada);

        var cut = await OpenAsync($"/audit?actor={uma.Id:D}");

        Assert.Equal(2, Rows(cut).Count);
        Assert.All(Rows(cut), r => Assert.Contains("Uma User", r.TextContent));
        // The filtered actor's name is plain text, not a link to the filter already applied.
        Assert.Empty(cut.FindAll(".audit-table a[title^='Show only actions by']"));
        Assert.Equal($"Uma User ({uma.Email})", cut.Find(".audit-filter-actor input").GetAttribute("value"));
    }

    [Fact]
    public async Task Choosing_an_actor_puts_them_in_the_address_on_the_first_page()
    {
        var ada = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var uma = await UserAsync(Role.User, name: "Uma User");
        SignIn(ada);
        var cut = await OpenAsync("/audit?page=3");

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<Guid?>>().Instance.ValueChanged.InvokeAsync(uma.Id));

        Assert.Equal($"/audit?actor={uma.Id:D}", Address);
    }

    [Fact]
    public async Task A_whole_token_guid_typed_in_any_case_becomes_the_token_filter_in_the_address()
    {
        var ada = await UserAsync(Role.FullAdmin);
        SignIn(ada);
        var cut = await OpenAsync("/audit");
        var guid = Guid.NewGuid();

        cut.Find(".audit-filter-token input").Change(guid.ToString("D").ToUpperInvariant());

        Assert.Equal($"/audit?token={guid:D}", Address);
    }

    [Fact]
    public async Task Part_of_a_guid_is_refused_next_to_the_field_and_changes_nothing()
    {
        var ada = await UserAsync(Role.FullAdmin);
        await CreateAsync(ada);
        SignIn(ada);
        var cut = await OpenAsync("/audit");

        cut.Find(".audit-filter-token input").Change("3f2504e0");

        cut.WaitForAssertion(() => Assert.Contains("Enter a whole token GUID", cut.Find(".audit-filter-token").TextContent));
        Assert.Equal("/audit", Address);
        Assert.Single(Rows(cut));
    }

    [Fact]
    public async Task Time_range_is_entered_in_local_time_and_kept_in_the_address_as_utc()
    {
        var ada = await UserAsync(Role.FullAdmin);
        SignIn(ada);
        var cut = await OpenAsync("/audit");

        // 01:00 in Berlin in January is midnight UTC.
        cut.Find(".audit-filter-time input[type=datetime-local]").Change("2000-01-01T01:00");

        Assert.Equal("/audit?from=2000-01-01T00:00:00Z", Address);
    }

    [Fact]
    public async Task Time_range_from_the_address_is_shown_in_local_time_and_an_empty_range_says_so()
    {
        var ada = await UserAsync(Role.FullAdmin);
        await CreateAsync(ada);
        SignIn(ada);

        var cut = await OpenAsync("/audit?to=2000-01-01T00:00:00Z");

        var fields = cut.FindAll(".audit-filter-time input");
        Assert.Equal("", fields[0].GetAttribute("value") ?? "");
        Assert.Equal("2000-01-01T01:00", fields[1].GetAttribute("value"));
        Assert.Empty(Rows(cut));
        Assert.Equal("0 entries", cut.Find(".audit-count > span").TextContent);
        Assert.Contains("No audit entries match these filters", cut.Find(".audit-empty").TextContent);
    }

    [Fact]
    public async Task An_end_before_the_start_is_explained_and_queries_nothing()
    {
        var ada = await UserAsync(Role.FullAdmin);
        await CreateAsync(ada);
        SignIn(ada);

        var cut = await OpenAsync("/audit?from=2026-11-29T10:00:00Z&to=2026-11-29T09:00:00Z");

        Assert.Contains("The end of the time range must be after its start.", cut.Markup);
        Assert.Empty(Rows(cut));
    }

    [Fact]
    public async Task A_tenant_without_actions_gets_an_explanation_instead_of_an_empty_table()
    {
        SignIn(await UserAsync(Role.FullAdmin));

        var cut = await OpenAsync("/audit");

        Assert.Contains("No management actions yet", cut.Find(".audit-empty").TextContent);
        Assert.Empty(cut.FindAll("nav[aria-label='Audit log pages']"));
        Assert.True(cut.Find(".audit-filter-clear").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Clear_filters_goes_back_to_the_unfiltered_log_keeping_the_page_size()
    {
        var ada = await UserAsync(Role.FullAdmin);
        SignIn(ada);
        var cut = await OpenAsync($"/audit?actor={ada.Id:D}&size=50&page=2");

        cut.Find(".audit-filter-clear").Click();

        Assert.Equal("/audit?size=50", Address);
    }

    [Fact]
    public async Task Pages_are_links_with_their_own_address_and_the_page_size_choice_starts_over()
    {
        var ada = await UserAsync(Role.FullAdmin);
        var token = await CreateAsync(ada, "flapping key");
        for (var i = 0; i < 11; i++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await Tokens.RevokeAsync(ada.Id, token.Token.Id)).Succeeded);
            Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await Tokens.RestoreAsync(ada.Id, token.Token.Id)).Succeeded);
        }

        SignIn(ada);
        var cut = await OpenAsync("/audit?page=2&size=10");

        Assert.Equal(10, Rows(cut).Count);
        // Newest first: entries 11 to 20 of 23, the restore of the sixth revocation first.
        Assert.Equal("2026-11-29 10:00:12", Rows(cut)[0].QuerySelector("time")!.TextContent);
        var pager = cut.Find("nav[aria-label='Audit log pages']");
        Assert.Contains("11–20 of 23", pager.TextContent);
        Assert.Contains("Page 2 of 3", pager.TextContent);
        Assert.Equal("audit?size=10", pager.QuerySelector("a[aria-label='First page']")!.GetAttribute("href"));
        Assert.Equal("audit?page=3&size=10", pager.QuerySelector("a[aria-label='Next page']")!.GetAttribute("href"));
        Assert.Equal("audit?page=3&size=10", pager.QuerySelector("a[aria-label='Last page']")!.GetAttribute("href"));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int>>().Instance.ValueChanged.InvokeAsync(50));

        Assert.Equal("/audit?size=50", Address);
    }

    [Fact]
    public async Task Last_page_offers_no_next_page()
    {
        var ada = await UserAsync(Role.FullAdmin);
        await CreateAsync(ada);
        SignIn(ada);

        var cut = await OpenAsync("/audit");

        var pager = cut.Find("nav[aria-label='Audit log pages']");
        Assert.Contains("1–1 of 1", pager.TextContent);
        Assert.Empty(pager.QuerySelectorAll("a"));
    }

    [Fact]
    public async Task Unreadable_filter_and_a_page_past_the_end_in_a_shared_address_are_reported()
    {
        var ada = await UserAsync(Role.FullAdmin);
        await CreateAsync(ada);
        SignIn(ada);

        var cut = await OpenAsync("/audit?token=3f2504e0-4f89&page=7");

        Assert.Contains("The token GUID in the address is not a valid GUID, so that filter is not applied.", cut.Find(".audit-problem").TextContent);
        Assert.Contains("Page 7 is past the end of these 1 entries.", cut.Find(".audit-past-end").TextContent);
        Assert.Equal("audit", cut.Find(".audit-past-end a").GetAttribute("href"));
    }

    private async Task<IRenderedComponent<AuditLogView>> OpenAsync(string address)
    {
        Navigation.NavigateTo(address);
        var cut = Render<AuditLogView>();
        // The log is read once the browser's time zone is known (after the first render).
        await cut.WaitForStateAsync(() => !cut.Find(".audit-count > span").TextContent.StartsWith("Loading", StringComparison.Ordinal));
        return cut;
    }

    private static List<IElement> Rows(IRenderedComponent<AuditLogView> cut) =>
        cut.FindAll(".audit-table tbody tr").Where(r => r.QuerySelector("time") is not null).ToList();
}
