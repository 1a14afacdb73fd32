namespace AdminPortal.Browser.Tests.SignIn;

/// <summary>
/// Class fixture: the real provider and the real portal connected to it, and the intent method that signs a page in
/// through the provider's own login form. The portal runs in Development, where its built dll serves the static web
/// assets (blazor.web.js, MudBlazor) from the build output; a configured provider still removes the demo sign-in there.
/// The Production cookie flags are tested in process (AdminPortal.Tests, OidcSignInTests).
/// </summary>
public sealed class ProviderPortal : IAsyncLifetime
{
    private readonly OidcProvider provider = new();
    private RunningPortal? portal;

    public Uri BaseAddress => portal!.BaseAddress;

    /// <summary>The provider the portal signs people in with.</summary>
    public OidcProvider Provider => provider;

    public string Output => portal?.Output ?? "";

    public async ValueTask InitializeAsync()
    {
        portal = new RunningPortal("Development", provider.PortalSettings());

        // Both at once: the portal reads the provider's metadata at the first sign-in, not at start.
        await Task.WhenAll(provider.StartAsync(portal.BaseAddress), portal.InitializeAsync().AsTask());
    }

    public async ValueTask DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
        await provider.DisposeAsync();
    }

    /// <summary>Opens <paramref name="path"/>, follows the portal to the provider and signs in there as <paramref name="login"/>.</summary>
    public static async Task SignInAsync(IPage page, string login, string path = "/users", Func<IPage, Task>? atLoginForm = null)
    {
        await page.GotoAsync(path);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        if (atLoginForm is not null)
        {
            await atLoginForm(page);
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
    }

    /// <summary>Waits until the Users page's circuit is connected, so that its buttons answer.</summary>
    public async Task WaitInteractiveAsync(IPage page)
    {
        try
        {
            await Assertions.Expect(page.Locator(".users-page[data-interactive=true]")).ToBeVisibleAsync();
        }
        catch (PlaywrightException)
        {
            throw new InvalidOperationException(string.Join("\n", Output.Split('\n').Where(l => !l.Contains("StaticAssets", StringComparison.Ordinal)).TakeLast(60)));
        }
    }

    /// <summary>Signs out with the top bar's sign-out button (a form POST to /signout with its antiforgery token).</summary>
    public static Task SignOutAsync(IPage page) => page.SignOutAsync();
}
