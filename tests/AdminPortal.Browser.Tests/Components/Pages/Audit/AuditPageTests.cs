using System.Globalization;
using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Audit;

/// <summary>
/// The audit log in a real browser: its time zone, real navigation through the address, and the phone width. The rows,
/// filters, paging and empty states are tested with bUnit (AdminPortal.Components.Tests, Pages/Audit).
/// </summary>
public sealed class AuditPageTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Full_admin_reads_the_log_in_their_time_zone_filters_it_through_the_address_and_on_a_phone()
    {
        await using var browser = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, timeZoneId: "Europe/Berlin");
        var page = browser.Page;
        var audit = new AuditLogPage(page);

        await audit.OpenAsync();

        // The demo data of Acme Corp: seven creations and one revocation, by three people; nothing of Globex.
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(8);
        await Assertions.Expect(audit.Rows.Filter(new() { HasText = "Globex ingest" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".audit-zone")).ToContainTextAsync("Europe/Berlin (UTC+");
        var cell = audit.Rows.First.Locator("time");
        var utc = DateTimeOffset.Parse((await cell.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        var berlin = TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await Assertions.Expect(cell).ToHaveTextAsync(berlin.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        await Screenshots.SaveAsync(page, "audit-light");

        // A name in the log is a link to the log filtered by that person: a real navigation, kept on reload.
        await audit.Rows.Filter(new() { HasText = "Audit dashboard" }).GetByRole(AriaRole.Link, new() { Name = "Sam Reader" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit\\?actor=[0-9a-f-]{36}$"));
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await audit.WaitUntilLoadedAsync();
        await Assertions.Expect(audit.Actor).ToHaveValueAsync(new Regex("^Sam Reader"));
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(1);

        // A time typed into the native field is the browser's local time; the address carries UTC.
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit$"));
        await audit.To.FillAsync("2000-01-01T01:00");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/audit\\?to=2000-01-01T00:00:00Z$"));
        await Assertions.Expect(page.GetByText("No audit entries match these filters")).ToBeVisibleAsync();

        // On a phone each entry is a card that fits the width.
        await browser.UseDarkThemeAsync(portal);
        await page.SetViewportSizeAsync(390, 844);
        await audit.OpenAsync();
        await Assertions.Expect(audit.ManagementRows).ToHaveCountAsync(8);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways at 390 px.");
        await Screenshots.SaveAsync(page, "audit-dark-phone");
    }
}
