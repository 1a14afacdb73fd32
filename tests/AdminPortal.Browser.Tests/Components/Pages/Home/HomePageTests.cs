using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Home;

public sealed class HomePageTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Check_connection_click_is_answered_by_the_server_over_the_circuit()
    {
        await using var browser = await chromium.NewContextAsync(portal.BaseAddress);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var circuitCheck = page.Locator(".home-card", new() { Has = page.GetByText("Circuit check") });

        // The badge turns "Live" only once blazor.web.js has connected the circuit.
        await Assertions.Expect(circuitCheck.GetByText("Live", new() { Exact = true })).ToBeVisibleAsync();
        await circuitCheck.GetByRole(AriaRole.Button, new() { Name = "Check connection" }).ClickAsync();

        await Assertions.Expect(circuitCheck.GetByRole(AriaRole.Status))
            .ToHaveTextAsync(new Regex(@"^Server answered 1 time\(s\)"));
        await Screenshots.SaveAsync(page, "home");
    }
}
