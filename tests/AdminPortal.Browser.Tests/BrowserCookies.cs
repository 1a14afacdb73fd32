namespace AdminPortal.Browser.Tests;

internal static class BrowserCookies
{
    /// <summary>
    /// Waits until the browser's cookie store holds <paramref name="name"/> = <paramref name="value"/> and returns it.
    /// A page's <c>document.cookie</c> write reaches Chromium's cookie store asynchronously: a navigation started by
    /// the test right after the page shows the change (a reload through the DevTools protocol) can still be sent with
    /// the old cookie on a loaded machine. A person's next click is never that fast; a test's is.
    /// </summary>
    public static async Task<BrowserContextCookiesResult> WaitForCookieAsync(this IBrowserContext context, string name, string value)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Patience.ExpectMs);
        while (true)
        {
            var cookie = (await context.CookiesAsync()).SingleOrDefault(c => c.Name == name);
            if (cookie?.Value == value)
            {
                return cookie;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The browser's cookie {name} is {(cookie is null ? "missing" : $"'{cookie.Value}'")}, expected '{value}'.");
            }

            await Task.Delay(50);
        }
    }
}
