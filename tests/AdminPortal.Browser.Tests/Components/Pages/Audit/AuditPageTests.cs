using System.Globalization;
using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Audit;

public sealed class AuditPageTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Full_admin_sees_the_tenants_management_actions_newest_first_in_light_and_dark()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        var audit = new AuditLogPage(page);

        await audit.OpenAsync();

        // The demo data of Acme Corp: seven creations and one revocation, by three people; nothing of Globex.
        await Assertions.Expect(audit.Count).ToHaveTextAsync(new Regex(@"^\d+ entries$"));
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(8);
        await Assertions.Expect(audit.Rows.Filter(new() { HasText = "Revoked 'Old deploy key'" })).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Rows.Filter(new() { HasText = "Globex ingest" })).ToHaveCountAsync(0);

        // Sign-ins are in the log too, with their label and the address the browser came from.
        var signIn = audit.Rows.Filter(new() { HasText = "Ada Admin" }).Filter(new() { HasText = "Signed in from 127.0.0.1." }).First;
        await Assertions.Expect(signIn).ToContainTextAsync("Signed in");
        var instants = (await page.Locator(".audit-table time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.getAttribute('datetime'))"))
            .Select(t => DateTimeOffset.Parse(t, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(instants.OrderByDescending(t => t), instants);
        await Screenshots.SaveAsync(page, "audit-light");

        await browser.UseDarkThemeAsync(portal);
        await audit.OpenAsync();
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(8);
        await Screenshots.SaveAsync(page, "audit-dark");
    }

    [Fact]
    public async Task Token_guid_filter_shows_only_that_token_and_is_kept_in_the_address()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        var audit = new AuditLogPage(page);
        await audit.OpenAsync();
        var guid = await audit.TokenOfAsync("Revoked 'Old deploy key'");

        await AuditLogPage.TypeAsync(audit.TokenGuid, guid.ToUpperInvariant());

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/audit\\?token={guid}$"));
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(2);
        await Assertions.Expect(audit.Rows.Filter(new() { HasNotText = guid })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "audit-token-filter");

        await page.ReloadAsync();
        await audit.WaitUntilLoadedAsync();
        await Assertions.Expect(audit.TokenGuid).ToHaveValueAsync(guid);
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Part_of_a_guid_is_refused_next_to_the_field_and_changes_nothing()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        var audit = new AuditLogPage(page);
        await audit.OpenAsync();

        await AuditLogPage.TypeAsync(audit.TokenGuid, "3f2504e0");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Enter a whole token GUID" })).ToBeVisibleAsync();
        Assert.Equal("/audit", new Uri(page.Url).PathAndQuery);
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(8);
    }

    [Fact]
    public async Task Actor_filter_shows_only_that_persons_actions_and_is_kept_in_the_address()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        var audit = new AuditLogPage(page);
        await audit.OpenAsync();

        await audit.Actor.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Uma User (uma@acme.example)" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit\\?actor=[0-9a-f-]{36}$"));
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(2);
        Assert.All(await audit.Rows.Locator("td:nth-child(2)").AllInnerTextsAsync(), actor => Assert.Equal("Uma User", actor.Trim()));

        var shared = page.Url;
        var other = await browser.Context.NewPageAsync();
        var sharedView = new AuditLogPage(other);
        await other.GotoAsync(shared);
        await sharedView.WaitUntilLoadedAsync();
        await Assertions.Expect(sharedView.Actor).ToContainTextAsync("Uma User");
        await Assertions.Expect(sharedView.ManagementRows).ToHaveCountAsync(2);

        await other.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Assertions.Expect(other).ToHaveURLAsync(new Regex("/audit$"));
        await Assertions.Expect(sharedView.ManagementRows).ToHaveCountAsync(8);
    }

    [Fact]
    public async Task Clicking_a_name_or_a_token_in_the_log_filters_by_it()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = browser.Page;
        var audit = new AuditLogPage(page);
        await audit.OpenAsync();

        await audit.Rows.Filter(new() { HasText = "Audit dashboard" }).GetByRole(AriaRole.Link, new() { Name = "Sam Reader" }).ClickAsync();

        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(1);
        await Assertions.Expect(audit.Actor).ToContainTextAsync("Sam Reader");
        var token = audit.ManagementRows.First.Locator("td").Nth(3).GetByRole(AriaRole.Link);
        await token.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit\\?token=[0-9a-f-]{36}&actor=[0-9a-f-]{36}$"));
        await Assertions.Expect(audit.TokenGuid).Not.ToHaveValueAsync("");
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Time_range_is_entered_in_local_time_and_kept_in_the_address_as_utc()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, timeZoneId: "Europe/Berlin");
        var page = browser.Page;
        var audit = new AuditLogPage(page);
        await audit.OpenAsync();
        await Assertions.Expect(page.Locator(".audit-zone")).ToContainTextAsync("Europe/Berlin (UTC+");

        // 01:00 in Berlin in January is midnight UTC. Nothing happened before 2000.
        await AuditLogPage.TypeAsync(audit.To, "2000-01-01 01:00", "Tab");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit\\?to=2000-01-01T00:00:00Z$"));
        await Assertions.Expect(audit.Rows).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("No audit entries match these filters")).ToBeVisibleAsync();

        await audit.OpenAsync("?from=2000-01-01T00:00:00Z");
        await Assertions.Expect(audit.From).ToHaveValueAsync("2000-01-01 01:00");
        await Assertions.Expect(audit.To).ToHaveValueAsync("");
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(8);

        // The shown times are Berlin's too: each one an hour after its UTC instant (winter time in the test data).
        var cell = audit.Rows.First.Locator("time");
        var utc = DateTimeOffset.Parse((await cell.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        var berlin = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await Assertions.Expect(cell).ToHaveTextAsync(berlin.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unreadable_filter_in_a_shared_address_is_reported_instead_of_silently_dropped()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.OtherTenantAdmin);
        var page = browser.Page;
        var audit = new AuditLogPage(page);

        await audit.OpenAsync("?token=3f2504e0-4f89&page=7");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "not a valid GUID" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("is past the end")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to the first page" }).ClickAsync();
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(1);
        await Assertions.Expect(audit.ManagementRows.First).ToContainTextAsync("Globex ingest");
    }

    [Theory]
    [InlineData(DevelopmentSignIn.User)]
    [InlineData(DevelopmentSignIn.Reader)]
    public async Task Everyone_but_full_admins_is_refused_even_when_typing_the_address(string name)
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, name);
        var page = browser.Page;

        var response = await page.GotoAsync("/audit");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This page is for full admins.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".audit-table")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        if (name == DevelopmentSignIn.User)
        {
            await Screenshots.SaveAsync(page, "audit-refused");
        }
    }
}
