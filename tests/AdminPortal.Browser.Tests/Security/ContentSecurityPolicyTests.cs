using System.Collections.Concurrent;
using AdminPortal.Browser.Tests.Components.Layout;
using AdminPortal.Browser.Tests.Components.Pages.Tokens;

namespace AdminPortal.Browser.Tests.Security;

/// <summary>The portal's Content-Security-Policy is enforced by a real Chromium and breaks nothing the portal does.</summary>
public sealed class ContentSecurityPolicyTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    /// <summary>
    /// Reports every CSP violation of every document as a console error, so that violations of a page the test has
    /// already left (a full navigation replaces window) are still seen through Playwright's console events.
    /// </summary>
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
          console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
        """;

    [Fact]
    public async Task Signed_in_work_on_the_tokens_page_runs_without_a_single_policy_violation()
    {
        var context = await chromium.NewContextAsync(portal.BaseAddress);
        await using var _ = context;
        var page = await context.NewPageAsync();
        var console = new ConcurrentQueue<string>();
        var sockets = new ConcurrentQueue<string>();
        page.Console += (_, message) => console.Enqueue($"{message.Type}: {message.Text}");
        page.WebSocket += (_, socket) => sockets.Enqueue(socket.Url);
        await page.AddInitScriptAsync(ReportViolations);

        // Sign in (a form post with antiforgery), then the interactive page: circuit, grid, create dialog, reveal.
        await page.SignInAsAsync(DevelopmentSignIn.Admin, "/tokens");
        var tokens = new TokensPageDriver(page);
        await tokens.WaitForListAsync();
        var secret = await tokens.CreateAsync("Policy check", "tokens:read");
        Assert.StartsWith("adp_", secret, StringComparison.Ordinal);
        await Assertions.Expect(tokens.Row("Policy check")).ToBeVisibleAsync();

        // The theme switch: a JS module imported over the import map, a cookie, a stylesheet swapped in place.
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark theme" });
        await Assertions.Expect(toggle).ToBeEnabledAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await toggle.ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Assertions.Expect(page.Locator("#portal-theme")).ToHaveAttributeAsync("href", "theme/dark.css");
        var theme = await context.WaitForCookieAsync("adminportal.theme", "dark");
        Assert.Equal((SameSiteAttribute.Lax, "/", "dark"), (theme.SameSite, theme.Path, theme.Value));

        // A full reload in the dark theme, then an enhanced navigation to another page.
        await page.ReloadAsync();
        await tokens.WaitForListAsync();
        await Assertions.Expect(tokens.Row("Policy check")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "security-csp-tokens-dark");
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Audit");

        // The reconnect UI, as blazor.web.js shows it when the circuit's connection drops (here: told so, with the next
        // attempt ten minutes away), and hides it when the connection is back.
        var reconnect = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(reconnect).ToBeHiddenAsync();
        await page.EvaluateAsync("() => Blazor.defaultReconnectionHandler.onConnectionDown({ dialogId: 'components-reconnect-modal', maxRetries: 1, retryIntervalMilliseconds: () => 600000 })");
        await Assertions.Expect(reconnect.GetByText("The connection to the server was lost. Reconnecting…")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "security-csp-reconnect");
        await page.EvaluateAsync("() => Blazor.defaultReconnectionHandler.onConnectionUp()");
        await Assertions.Expect(reconnect).ToBeHiddenAsync();

        // Sign-out: a form post whose answer is a redirect (form-action applies to both).
        await page.SignOutAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");

        var problems = console.Where(m => m.Contains("CSP violation", StringComparison.Ordinal)
            || m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
            || m.Contains("Permissions-Policy", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, "The browser reported:\n" + string.Join("\n", console));
        Assert.Contains(sockets, url => url.StartsWith(portal.BaseAddress.ToString().Replace("http", "ws", StringComparison.Ordinal) + "_blazor", StringComparison.Ordinal));
    }
}
