[assembly: AssemblyFixture(typeof(AdminPortal.Browser.Tests.Chromium))]

namespace AdminPortal.Browser.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright: its headless shell (/usr/bin/chromium-headless-shell, package
/// chromium-headless-shell, installed by scripts/test), the same engine without the desktop browser's windowing layer,
/// which needs about half the CPU per page of the full browser. ADMINPORTAL_CHROMIUM names another Chromium to run
/// (e.g. /usr/bin/chromium). Playwright's own browser download (`playwright install`) is never used.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private static readonly string ExecutablePath =
        Environment.GetEnvironmentVariable("ADMINPORTAL_CHROMIUM") is { Length: > 0 } chosen ? chosen : "/usr/bin/chromium-headless-shell";

    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>
    /// A fresh browser context (own cookies and storage) whose relative URLs resolve against <paramref name="baseAddress"/>,
    /// in the IANA time zone <paramref name="timeZoneId"/> (the machine's when null).
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, string? timeZoneId = null)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            TimezoneId = timeZoneId,
        });
        context.SetDefaultTimeout(Patience.ActionMs);
        context.SetDefaultNavigationTimeout(Patience.ActionMs);
        return context;
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: run scripts/test, or `apt-get install -y chromium-headless-shell`.");
        }

        // Several portals and browsers share few cores while the test classes run in parallel, and CI machines are
        // shared too: Playwright's five-second default for expectations is far too tight there (see Patience).
        Assertions.SetDefaultExpectTimeout(Patience.ExpectMs);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
        playwright?.Dispose();
    }
}
