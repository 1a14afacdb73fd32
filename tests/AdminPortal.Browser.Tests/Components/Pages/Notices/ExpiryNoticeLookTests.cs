using System.Text.RegularExpressions;
using AdminPortal.Browser.Tests.Components.Pages.Tokens;
using AdminPortal.Tokens.Notifications;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Browser.Tests.Components.Pages.Notices;

/// <summary>
/// The expiry banner and the notices in a real browser: the banner's link applies the filter in the address bar, the bell
/// counts the notices and its page dismisses them; light and dark (screenshots when ADMINPORTAL_SCREENSHOTS is set).
/// </summary>
public sealed class ExpiryNoticeLookTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task The_banner_applies_the_expiring_soon_filter_and_the_bell_leads_to_the_notices_in_light_and_dark()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var light = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        var tokens = portal.Services.GetRequiredService<TokenService>();
        Guid uma;
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContextAsync(ct))
        {
            uma = await db.Users.Where(u => u.DisplayName == DevelopmentSignIn.User).Select(u => u.Id).SingleAsync(ct);
        }

        foreach (var (name, days) in new[] { ("Nightly backup", 2), ("Release signing", 5) })
        {
            Assert.True((await tokens.CreateAsync(uma, new TokenDraft { Name = name, Scopes = ["tokens:read"], ValidTo = DateTimeOffset.UtcNow.AddDays(days) }, ct)).Succeeded);
        }

        await portal.Services.GetRequiredService<NoticeProducer>().RunOnceAsync(ct);
        await light.Page.SetViewportSizeAsync(1400, 900);
        await light.Page.ReloadAsync();
        await light.WaitForListAsync();
        await Assertions.Expect(light.Page.Locator(".expiring-banner")).ToContainTextAsync("2 of your tokens expire within 7 days");
        await Assertions.Expect(light.Page.GetByRole(AriaRole.Link, new() { Name = "Notices: 2 unread" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(light.Page, "notify-banner-light-1400");

        await light.Page.GetByRole(AriaRole.Button, new() { Name = "Show them" }).ClickAsync();
        await Assertions.Expect(light.Page).ToHaveURLAsync(new Regex(@"/tokens\?status=expiringsoon$"));
        await light.ExpectNamesAsync("Release signing", "Nightly backup");

        await using var dark = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User, dark: true);
        await dark.Page.SetViewportSizeAsync(1400, 900);
        await Assertions.Expect(dark.Page.Locator(".expiring-banner")).ToContainTextAsync("2 of your tokens expire within 7 days");
        await Screenshots.SaveAsync(dark.Page, "notify-banner-dark-1400");
        await dark.Page.SetViewportSizeAsync(390, 844);
        await Screenshots.SaveAsync(dark.Page, "notify-banner-dark-390");

        await dark.Page.GetByRole(AriaRole.Link, new() { Name = "Notices: 2 unread" }).ClickAsync();
        await Assertions.Expect(dark.Page.Locator("section.notices-page[data-interactive=true]")).ToBeVisibleAsync();
        await Assertions.Expect(dark.Page.Locator(".notice-subject")).ToHaveTextAsync(["Your API token \"Release signing\" expires in 5 days", "Your API token \"Nightly backup\" expires in 2 days"]);
        await dark.Page.SetViewportSizeAsync(1400, 900);
        await Screenshots.SaveAsync(dark.Page, "notify-notices-dark-1400");
        await dark.Page.GetByRole(AriaRole.Button, new() { Name = "Dismiss: Your API token \"Release signing\" expires in 5 days" }).ClickAsync();
        await Assertions.Expect(dark.Page.Locator(".notice-subject")).ToHaveTextAsync(["Your API token \"Nightly backup\" expires in 2 days"]);
    }
}
