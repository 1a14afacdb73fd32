using System.Text.RegularExpressions;
using AdminPortal.Browser.Tests.Accessibility;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>
/// The page of one token in a real browser: reached from the grid's name link, its chart drawn, light and dark at desktop and
/// phone width without sideways scrolling, and no serious accessibility violation.
/// </summary>
public sealed class TokenDetailPageLookTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task The_name_in_the_grid_opens_the_token_page_with_its_chart()
    {
        var id = await WithUsageAsync("Terraform CI");
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, width: 1400);

        await tokens.Page.GetByRole(AriaRole.Link, new() { Name = "Terraform CI", Exact = true }).ClickAsync();

        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex($"/tokens/{id:D}$"));
        await ChartDrawnAsync(tokens.Page);
        await Assertions.Expect(tokens.Page.Locator("#token-addresses")).ToContainTextAsync("198.51.100.23");
    }

    [Theory]
    [InlineData("light", 1400)]
    [InlineData("dark", 1400)]
    [InlineData("light", 390)]
    [InlineData("dark", 390)]
    public async Task Light_and_dark_at_desktop_and_phone_width_fit_the_screen_without_serious_accessibility_violations(string theme, int width)
    {
        var id = await WithUsageAsync("Terraform CI");
        var context = await chromium.NewContextAsync(portal.BaseAddress, "Europe/Berlin");
        await using var session = new PortalSession(context, await context.NewPageAsync());
        await context.AddCookiesAsync([new Cookie { Name = "adminportal.theme", Value = theme, Url = portal.BaseAddress.ToString() }]);
        var page = session.Page;
        await page.SetViewportSizeAsync(width, 900);

        await page.SignInAsAsync(DevelopmentSignIn.Admin, $"/tokens/{id:D}");
        await ChartDrawnAsync(page);
        await Screenshots.SaveAsync(page, $"usage-{theme}-{width}");

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"The page scrolls sideways at {width} px.");
        Assert.Empty(await Axe.SeriousViolationsAsync(page, $"token-page-{theme}-{width}"));
    }

    private static async Task ChartDrawnAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#token-title")).ToBeVisibleAsync(new() { Timeout = Layout.Circuit.StartTimeoutMs });
        await Assertions.Expect(page.Locator(".token-usage-chart .mud-chart-bar").First).ToBeVisibleAsync();
    }

    /// <summary>Gives the demo token <paramref name="name"/> six weeks of calls from a few addresses, some refused (once per portal).</summary>
    private async Task<Guid> WithUsageAsync(string name)
    {
        var services = portal.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContextAsync();
        var id = await db.Tokens.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
        if (await db.TokenDailyCalls.CountAsync(c => c.TokenId == id) > 1)
        {
            return id;
        }

        var usage = services.GetRequiredService<UsageRecorder>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        string[] addresses = ["198.51.100.23", "198.51.100.24", "2001:db8::7", "203.0.113.50"];
        for (var day = 44; day >= 0; day--)
        {
            // Weekdays busier than weekends, a quiet spell, and refusals now and then.
            var calls = day is > 18 and < 23 ? 0 : (day % 7 is 5 or 6 ? 6 : 20) + (day * 7 % 11);
            var at = now.AddDays(-day).AddHours(-2);
            for (var i = 0; i < calls; i++)
            {
                usage.Record(id, at.AddSeconds(i), addresses[(day + i) % addresses.Length]);
            }

            if (day % 9 == 3 && calls > 0)
            {
                usage.Refused(id, CallOutcome.InsufficientScope, at, afterAcceptance: true);
                usage.Refused(id, CallOutcome.RateLimited, at);
            }
        }

        usage.Refused(id, CallOutcome.Expired, now.AddDays(-1));
        await usage.FlushAsync();
        return id;
    }
}
