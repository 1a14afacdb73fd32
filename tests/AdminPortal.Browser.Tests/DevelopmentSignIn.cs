namespace AdminPortal.Browser.Tests;

/// <summary>Signs a page in through the real development sign-in form.</summary>
internal static class DevelopmentSignIn
{
    public const string Admin = "Ada Admin";
    public const string User = "Uma User";
    public const string Reader = "Sam Reader";
    public const string OtherTenantAdmin = "Gus Globex";

    /// <summary>Opens /signin (optionally with a return URL) and signs in as the demo user named <paramref name="displayName"/>.</summary>
    public static async Task SignInAsAsync(this IPage page, string displayName, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/signin" : $"/signin?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {displayName}" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Seen once in a CI run under load: say where the browser stayed and what the page said, to find out why.
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5000 });
            throw new TimeoutException($"The sign-in as {displayName} did not leave {page.Url}; the page says: {text[..Math.Min(text.Length, 600)]}", e);
        }
    }

    /// <summary>
    /// Signs out with the top bar's Sign out button (a plain form POST to /signout with its antiforgery token), once the
    /// page's circuit is up (the theme toggle, enabled only when interactive). A click made while the circuit was still
    /// starting was seen, in Chromium's headless shell, to submit nothing; a person clicks a page that has settled.
    /// </summary>
    public static async Task SignOutAsync(this IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Dark theme" }))
            .ToBeEnabledAsync(new() { Timeout = Patience.CircuitMs });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
    }
}
