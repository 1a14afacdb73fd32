using AdminPortal.Browser.Tests.SignIn;
using AdminPortal.Tests.SignIn;

namespace AdminPortal.Browser.Tests.Security;

/// <summary>
/// Hostile return addresses through every sign-in entry point, with Chromium following the redirects: the browser
/// always ends on the portal's own origin, on a page that works.
/// </summary>
public sealed class DevelopmentReturnAddressTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Hostile_return_address_of_the_sign_in_page_or_the_posted_form_ends_on_the_portal()
    {
        await using var context = await chromium.NewContextAsync(portal.BaseAddress);
        var page = await context.NewPageAsync();
        var landing = await ReturnAddressLanding.WatchAsync(context, page, portal.BaseAddress);
        var ada = page.GetByRole(AriaRole.Button, new() { Name = "Sign in as Ada Admin" });

        foreach (var hostile in HostileReturnUrls.All)
        {
            await landing.CheckAsync(page, "/signin?ReturnUrl=", hostile, async () =>
            {
                await page.GotoAsync("/signin?ReturnUrl=" + Uri.EscapeDataString(hostile));
                await ada.ClickAsync();
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/signin");
            });

            // The form posted with the address put back in, as a page of another site could post it.
            await landing.CheckAsync(page, "POST /signin/dev", hostile, async () =>
            {
                await page.GotoAsync("/signin");
                await page.Locator("form:has(input[name=subject][value=demo-admin]) input[name=returnUrl]")
                    .EvaluateAsync("(input, value) => input.value = value", hostile);
                await ada.ClickAsync();
                await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/signin");
            });
        }

        Assert.True(landing.Problems.Count == 0, string.Join("\n", landing.Problems));
    }
}

/// <summary>The same through the real OpenID Connect provider: the sign-in page's link and GET /signin/oidc itself.</summary>
public sealed class ProviderReturnAddressTests(ProviderPortal portal, Chromium chromium) : IClassFixture<ProviderPortal>
{
    [Fact]
    public async Task Hostile_return_address_of_the_provider_sign_in_ends_on_the_portal()
    {
        await using var context = await chromium.NewContextAsync(portal.BaseAddress);
        var page = await context.NewPageAsync();
        var landing = await ReturnAddressLanding.WatchAsync(context, page, portal.BaseAddress);

        // Once through the provider's login form; afterwards its session lets every sign-in straight through.
        await ProviderPortal.SignInAsync(page, "ada", "/signin");
        await page.WaitForURLAsync(url => new Uri(url).Port == portal.BaseAddress.Port && new Uri(url).AbsolutePath == "/tokens");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" });

        foreach (var hostile in HostileReturnUrls.All)
        {
            await landing.CheckAsync(page, "/signin?ReturnUrl=", hostile, async () =>
            {
                await page.GotoAsync("/signin?ReturnUrl=" + Uri.EscapeDataString(hostile));
                await link.ClickAsync();
                await page.WaitForURLAsync(url => new Uri(url).Port != portal.BaseAddress.Port || new Uri(url).AbsolutePath is not ("/signin" or "/signin/oidc"));
            });

            await landing.CheckAsync(page, "GET /signin/oidc?returnUrl=", hostile,
                () => page.GotoAsync("/signin/oidc?returnUrl=" + Uri.EscapeDataString(hostile)));
        }

        Assert.True(landing.Problems.Count == 0, string.Join("\n", landing.Problems));
    }
}
