namespace AdminPortal.Browser.Tests;

/// <summary>One person's browser on the portal: a fresh context (own cookies) and a page, signed in if asked.</summary>
internal sealed class PortalSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context => context;

    public IPage Page => page;

    /// <summary>Opens a browser on <paramref name="portal"/>, signed in as the demo user <paramref name="signInAs"/> (if any),
    /// in the IANA time zone <paramref name="timeZoneId"/> (the machine's when null).</summary>
    public static async Task<PortalSession> OpenAsync(Chromium chromium, RunningPortal portal, string? signInAs = null, string? timeZoneId = null)
    {
        var context = await chromium.NewContextAsync(portal.BaseAddress, timeZoneId);
        var page = await context.NewPageAsync();
        if (signInAs is not null)
        {
            await page.SignInAsAsync(signInAs);
        }

        return new PortalSession(context, page);
    }

    /// <summary>Makes the next pages render dark, as the theme toggle would have left it.</summary>
    public Task UseDarkThemeAsync(RunningPortal portal) =>
        context.AddCookiesAsync([new Cookie { Name = "adminportal.theme", Value = "dark", Url = portal.BaseAddress.ToString() }]);

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
