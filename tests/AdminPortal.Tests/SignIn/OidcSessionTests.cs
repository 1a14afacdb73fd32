using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.SignIn;

/// <summary>Sessions of people signed in through the provider: sign-out, deactivation, tenants, and the demo sign-in's absence.</summary>
public sealed class OidcSessionTests : IAsyncLifetime
{
    private OidcPortal portal = null!;

    private FakeProvider provider => portal.Provider;

    public async ValueTask InitializeAsync() => portal = await OidcPortal.StartAsync();

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task Sign_out_ends_the_provider_session_and_the_old_cookie_stops_working()
    {
        using var browser = portal.NewBrowser();
        using var _ = await portal.SignInAsync(browser, IdTokenSpec.Person("Uma User", "acme", "portal-users"));
        var stolen = browser.Cookies.Container.GetCookieHeader(new Uri("https://localhost/"));

        using var signOut = await browser.SignOutAsync();

        var endSession = SignInChallenge.From(signOut.Headers.Location!);
        Assert.StartsWith($"{provider.Issuer}/session/end?", endSession.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal(provider.IssuedIdTokens.Single(), endSession.Parameters["id_token_hint"]);
        Assert.Equal("https://localhost/signout-callback-oidc", endSession.Parameters["post_logout_redirect_uri"]);
        Assert.Equal(FakeProvider.ClientId, endSession.Parameters["client_id"]);
        using var back = await browser.GetAsync("/signout-callback-oidc");
        Assert.Equal("/signin?signedOut=true", back.Headers.Location!.OriginalString);

        using var replayer = portal.NewBrowser();
        replayer.Client.DefaultRequestHeaders.Add("Cookie", stolen);
        using var page = await replayer.GetAsync("/users");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivated_user_cannot_sign_in_and_is_shown_the_deactivated_page()
    {
        using var adminBrowser = portal.NewBrowser();
        using var userBrowser = portal.NewBrowser();
        var uma = IdTokenSpec.Person("Uma User", "acme", "portal-users");
        using (await portal.SignInAsync(adminBrowser, IdTokenSpec.Person("Ada Admin", "acme", "portal-admins")))
        using (await portal.SignInAsync(userBrowser, uma))
        {
        }

        await DeactivateAsync("Uma User", by: "Ada Admin");
        using var open = await userBrowser.GetAsync("/users");
        using var again = await portal.SignInAsync(portal.NewBrowser(), uma with { });

        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Equal("/signin/deactivated", again.Headers.Location!.OriginalString);
        Assert.Contains(portal.Log, l => l.Contains("sign-in refused (Deactivated)", StringComparison.Ordinal));
        using var page = await portal.NewBrowser().GetAsync("/signin/deactivated");
        Assert.Contains("Your account is deactivated", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_sign_in_updates_name_email_and_role_from_the_provider()
    {
        var first = IdTokenSpec.Person("Sam Reader", "acme", "security-readers");
        using (await portal.SignInAsync(portal.NewBrowser(), first))
        {
        }

        var promoted = first with { Claims = new(first.Claims) { ["name"] = "Sam Sharp", ["email"] = "sam.sharp@acme.example", ["roles"] = new[] { "portal-admins" } } };
        using (await portal.SignInAsync(portal.NewBrowser(), promoted))
        {
        }

        await using var db = portal.Db();
        var user = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("Sam Sharp", "sam.sharp@acme.example", Role.FullAdmin), (user.DisplayName, user.Email, user.Role));
    }

    [Fact]
    public async Task Admins_of_two_tenants_see_only_their_own_users()
    {
        foreach (var (name, tenant, role) in new[] { ("Ada Admin", "acme", "portal-admins"), ("Uma User", "acme", "portal-users"), ("Gus Globex", "globex", "portal-admins"), ("Gina Globex", "globex", "portal-users") })
        {
            using var _ = await portal.SignInAsync(portal.NewBrowser(), IdTokenSpec.Person(name, tenant, role));
        }

        var acme = await UsersSeenByAsync("Ada Admin");
        var globex = await UsersSeenByAsync("Gus Globex");

        Assert.Equal(["Ada Admin", "Uma User"], acme);
        Assert.Equal(["Gina Globex", "Gus Globex"], globex);
        await using var db = portal.Db();
        Assert.Equal(2, await db.Tenants.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Users_page_lists_the_tenant_for_a_full_admin_and_refuses_others()
    {
        using var admin = portal.NewBrowser();
        using var user = portal.NewBrowser();
        using (await portal.SignInAsync(admin, IdTokenSpec.Person("Ada Admin", "acme", "portal-admins")))
        using (await portal.SignInAsync(user, IdTokenSpec.Person("Uma User", "acme", "portal-users")))
        using (await portal.SignInAsync(portal.NewBrowser(), IdTokenSpec.Person("Gus Globex", "globex", "portal-admins")))
        {
        }

        var adminView = await (await admin.GetAsync("/users")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var userView = await (await user.GetAsync("/users")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Uma User", adminView, StringComparison.Ordinal);
        Assert.Contains("Deactivate Uma User", adminView, StringComparison.Ordinal);
        Assert.DoesNotContain("Gus Globex", adminView, StringComparison.Ordinal);
        Assert.Contains("href=\"users\"", adminView, StringComparison.Ordinal);
        Assert.Contains("Only full admins manage the users", userView, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"users\"", userView, StringComparison.Ordinal);
    }

    private async Task<string[]> UsersSeenByAsync(string admin)
    {
        var users = portal.Services.GetRequiredService<UserService>();
        var listed = await users.ListAsync(await UserIdAsync(admin), TestContext.Current.CancellationToken);
        return listed.Value!.Select(u => u.DisplayName).ToArray();
    }

    private async Task DeactivateAsync(string name, string by)
    {
        var users = portal.Services.GetRequiredService<UserService>();
        var result = await users.DeactivateAsync(await UserIdAsync(by), await UserIdAsync(name), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.ToString());
    }

    private async Task<Guid> UserIdAsync(string name)
    {
        await using var db = portal.Db();
        return await db.Users.Where(u => u.DisplayName == name).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
    }
}
