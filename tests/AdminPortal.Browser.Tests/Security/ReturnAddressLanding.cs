namespace AdminPortal.Browser.Tests.Security;

/// <summary>
/// Watches one browser context for where a sign-in's redirects lead: any request to a host other than the portal's and
/// the provider's (answered here, never sent), a server error on the way, and the page's final origin.
/// </summary>
internal sealed class ReturnAddressLanding
{
    private readonly List<string> foreign = [];
    private readonly List<string> failures = [];
    private readonly Uri portal;

    private ReturnAddressLanding(Uri portal) => this.portal = portal;

    /// <summary>What went wrong so far, one line per case.</summary>
    public List<string> Problems { get; } = [];

    public static async Task<ReturnAddressLanding> WatchAsync(IBrowserContext context, IPage page, Uri portal)
    {
        var landing = new ReturnAddressLanding(portal);
        await context.RouteAsync(url => new Uri(url) is { Scheme: "http" or "https" } u && u.Host != portal.Host, async route =>
        {
            lock (landing.foreign)
            {
                landing.foreign.Add(route.Request.Url);
            }
            await route.FulfillAsync(new() { Status = 200, ContentType = "text/plain", Body = "not the portal" });
        });
        // Where the browser lands is all that counts here: no circuit for the pages it lands on, and none of the portal's
        // or the provider's styles, fonts or images (scripts still run: they take part in forms and navigation).
        await context.RouteAsync("**/_blazor**", route => route.AbortAsync());
        await context.RouteAsync(url => new Uri(url) is { Scheme: "http" or "https" } u && u.Host == portal.Host,
            route => route.Request.ResourceType is "stylesheet" or "font" or "image"
            ? route.AbortAsync()
            : route.FallbackAsync());
        page.Response += (_, response) =>
        {
            if (response.Request.IsNavigationRequest && response.Status >= 500)
            {
                lock (landing.failures)
                {
                    landing.failures.Add($"{response.Status} from {response.Url}");
                }
            }
        };
        return landing;
    }

    /// <summary>Runs <paramref name="navigate"/> (which follows the redirects) and records anything but a landing on a working portal page.</summary>
    public async Task CheckAsync(IPage page, string entry, string hostile, Func<Task> navigate)
    {
        lock (foreign)
        {
            foreign.Clear();
        }
        lock (failures)
        {
            failures.Clear();
        }

        string? error = null;
        try
        {
            await navigate();
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            error = ex.Message.Split('\n')[0];
        }

        var landed = new Uri(page.Url);
        var where = landed.IsAbsoluteUri && landed.Scheme is "http" or "https" ? landed.GetLeftPart(UriPartial.Authority) : page.Url;
        var wanted = portal.GetLeftPart(UriPartial.Authority);
        var problems = new List<string>();
        if (where != wanted)
        {
            problems.Add($"ended on {page.Url}");
        }
        lock (foreign)
        {
            problems.AddRange(foreign.Select(f => $"requested {f}"));
        }
        lock (failures)
        {
            problems.AddRange(failures);
        }
        if (error is not null)
        {
            problems.Add(error);
        }
        if (problems.Count > 0)
        {
            Problems.Add($"{entry} {Printable(hostile)}: {string.Join("; ", problems)}");
        }
    }

    private static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : c.ToString()));
}
