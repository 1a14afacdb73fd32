using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.SignIn;

/// <summary>
/// Sessions of the provider are checked with it again every Authentication:Oidc:RefreshInterval (15 minutes) while in
/// use: a demotion or removal at the provider reaches the portal without a new sign-in. Time is moved by a fake clock
/// shared by the portal and the provider.
/// </summary>
public sealed class OidcRefreshTests : IAsyncLifetime
{
    private const string AdminView = "href=\"users\"";
    private const string UserView = "Only full admins manage the users";

    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OidcPortal portal = null!;

    private FakeProvider provider => portal.Provider;

    public async ValueTask InitializeAsync() => portal = await OidcPortal.StartAsync(clock: clock);

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task Demoted_at_the_provider_the_next_request_after_the_interval_has_the_new_role_and_so_does_the_user_row()
    {
        var (browser, ada) = await SignInAdminAsync();
        provider.ChangePerson(ada.Subject, p => p with { Claims = new(p.Claims) { ["roles"] = new[] { "portal-users" } } });

        clock.Advance(TimeSpan.FromMinutes(16));
        var page = await PageAsync(browser);

        Assert.Contains(UserView, page, StringComparison.Ordinal);
        Assert.Equal(1, provider.RefreshRequests);
        Assert.Equal(Role.User, await RoleAsync());
        Assert.Contains(UserView, await PageAsync(browser), StringComparison.Ordinal);
        portal.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task Before_the_interval_no_request_asks_the_provider()
    {
        var (browser, ada) = await SignInAdminAsync();
        provider.ChangePerson(ada.Subject, p => p with { Claims = new(p.Claims) { ["roles"] = new[] { "portal-users" } } });

        clock.Advance(TimeSpan.FromMinutes(14));
        var page = await PageAsync(browser);

        Assert.Contains(AdminView, page, StringComparison.Ordinal);
        Assert.Equal(0, provider.RefreshRequests);
        Assert.Equal(Role.FullAdmin, await RoleAsync());
    }

    [Fact]
    public async Task Removed_at_the_provider_the_session_ends_at_the_next_request_after_the_interval()
    {
        var (browser, ada) = await SignInAdminAsync();
        provider.RemovePerson(ada.Subject);

        clock.Advance(TimeSpan.FromMinutes(16));
        using var page = await browser.GetAsync("/users");
        using var again = await browser.GetAsync("/users");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains(portal.Log, l => l.Contains("Session ended by the provider's re-check: the provider refused the refresh: invalid_grant", StringComparison.Ordinal));
        portal.AssertLogHoldsNoSecret();
    }

    [Fact]
    public async Task Without_an_id_token_in_the_refresh_the_role_comes_from_userinfo()
    {
        var (browser, ada) = await SignInAdminAsync();
        provider.IdTokenOnRefresh = false;
        provider.ChangePerson(ada.Subject, p => p with { Claims = new(p.Claims) { ["roles"] = new[] { "security-readers" } } });

        clock.Advance(TimeSpan.FromMinutes(16));
        var page = await PageAsync(browser);

        Assert.Contains(UserView, page, StringComparison.Ordinal);
        Assert.Equal(Role.SecurityReader, await RoleAsync());
    }

    [Fact]
    public async Task Requests_arriving_together_share_one_refresh_of_the_rotating_refresh_token()
    {
        var (browser, _) = await SignInAdminAsync();

        clock.Advance(TimeSpan.FromMinutes(16));
        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => browser.GetAsync("/users")));
        clock.Advance(TimeSpan.FromMinutes(16));
        var later = await PageAsync(browser);

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Contains(AdminView, later, StringComparison.Ordinal);
        Assert.Equal(2, provider.RefreshRequests);
        foreach (var p in pages)
        {
            p.Dispose();
        }
    }

    [Fact]
    public async Task Absolute_lifetime_ends_a_session_in_use_however_active()
    {
        var (browser, _) = await SignInAdminAsync();
        for (var hour = 1; hour < 8; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            Assert.Contains(AdminView, await PageAsync(browser), StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromHours(1));
        using var page = await browser.GetAsync("/users");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_after_the_interval_ends_the_provider_session_without_asking_the_provider_first()
    {
        var (browser, ada) = await SignInAdminAsync();
        var form = await browser.SignOutFormTokenAsync();
        // Were the sign-out to re-check first, this refusal would end the session here and skip the provider's sign-out.
        provider.RemovePerson(ada.Subject);
        clock.Advance(TimeSpan.FromMinutes(16));

        using var signOut = await browser.PostSignOutAsync(form);

        Assert.StartsWith($"{provider.Issuer}/session/end?", signOut.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, provider.RefreshRequests);
    }

    private async Task<(Browser Browser, IdTokenSpec Person)> SignInAdminAsync()
    {
        var browser = portal.NewBrowser();
        var ada = IdTokenSpec.Person("Ada Admin", "acme", "portal-admins");
        using var callback = await portal.SignInAsync(browser, ada);
        Assert.Equal("/users", callback.Headers.Location!.OriginalString);
        Assert.Contains(AdminView, await PageAsync(browser), StringComparison.Ordinal);
        return (browser, ada);
    }

    private static async Task<string> PageAsync(Browser browser)
    {
        using var page = await browser.GetAsync("/users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private async Task<Role> RoleAsync()
    {
        await using var db = portal.Db();
        return await db.Users.Select(u => u.Role).SingleAsync(TestContext.Current.CancellationToken);
    }
}
