using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.SignIn;

/// <summary>Signing in and out through a real OpenID Connect provider's login form, in Chromium.</summary>
public sealed class ProviderSignInTests(ProviderPortal portal, Chromium chromium) : IClassFixture<ProviderPortal>
{
    [Fact]
    public async Task Each_person_signs_in_through_the_provider_and_lands_with_their_role_and_tenant_then_signs_out()
    {
        foreach (var login in new[] { "uma", "sam" })
        {
            await using var context = await chromium.NewContextAsync(portal.BaseAddress);
            var page = await context.NewPageAsync();
            await ProviderPortal.SignInAsync(page, login);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/users$"));
            await Assertions.Expect(page.GetByText("Only full admins manage the users of the organisation.")).ToBeVisibleAsync();
        }

        await using var admin = await chromium.NewContextAsync(portal.BaseAddress);
        var adminPage = await admin.NewPageAsync();
        await ProviderPortal.SignInAsync(adminPage, "ada", atLoginForm: page => Screenshots.SaveAsync(page, "oidc-provider-login"));
        await Assertions.Expect(adminPage).ToHaveURLAsync(new Regex("/users$"));
        await Assertions.Expect(adminPage.GetByText("The people of Acme Corp")).ToBeVisibleAsync();
        await Assertions.Expect(Row(adminPage, "Ada Admin")).ToContainTextAsync("Full admin");
        await Assertions.Expect(Row(adminPage, "Ada Admin")).ToContainTextAsync("You");
        await Assertions.Expect(Row(adminPage, "Uma User")).ToContainTextAsync("User");
        await Assertions.Expect(Row(adminPage, "Sam Reader")).ToContainTextAsync("Security reader");
        await Assertions.Expect(adminPage.GetByText("Gus Globex")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(adminPage, "oidc-landed-users-page");

        await using var globex = await chromium.NewContextAsync(portal.BaseAddress);
        var globexPage = await globex.NewPageAsync();
        await ProviderPortal.SignInAsync(globexPage, "gus");
        await Assertions.Expect(globexPage.GetByText("The people of Globex")).ToBeVisibleAsync();
        await Assertions.Expect(Row(globexPage, "Gus Globex")).ToContainTextAsync("Full admin");
        await Assertions.Expect(globexPage.GetByText("Uma User")).ToHaveCountAsync(0);

        await ProviderPortal.SignOutAsync(adminPage);
        await ConfirmAtProviderAsync(adminPage);

        await Assertions.Expect(adminPage).ToHaveURLAsync(new Regex("/signin\\?signedOut=true$"));
        await Assertions.Expect(adminPage.GetByText("You are signed out.")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(adminPage, "oidc-signed-out");
        await adminPage.GotoAsync("/users");
        await Assertions.Expect(adminPage).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl="));
        // The provider's session ended too: signing in again asks for the password.
        await adminPage.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await Assertions.Expect(adminPage.Locator("input[name=password]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Person_without_a_mapped_role_is_refused_with_a_clear_message()
    {
        await using var context = await chromium.NewContextAsync(portal.BaseAddress);
        var page = await context.NewPageAsync();

        await ProviderPortal.SignInAsync(page, "nora");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin\\?error=NoRole$"));
        await Assertions.Expect(page.GetByText("Your account has no role in AdminPortal.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Deactivated_admin_open_page_stops_at_the_next_action_and_sign_in_is_refused_until_reactivated()
    {
        await using var aliContext = await chromium.NewContextAsync(portal.BaseAddress);
        var ali = await aliContext.NewPageAsync();
        await ProviderPortal.SignInAsync(ali, "ali");
        await Assertions.Expect(Row(ali, "Ali Admin")).ToContainTextAsync("You");
        await using var adaContext = await chromium.NewContextAsync(portal.BaseAddress);
        var ada = await adaContext.NewPageAsync();
        await ProviderPortal.SignInAsync(ada, "ada");
        await portal.WaitInteractiveAsync(ada);
        await portal.WaitInteractiveAsync(ali);

        await ada.GetByRole(AriaRole.Button, new() { Name = "Deactivate Ali Admin" }).ClickAsync();
        var confirm = ada.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirm).ToContainTextAsync("Deactivate Ali Admin?");
        await Screenshots.SaveAsync(ada, "users-deactivate-confirm");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(Row(ada, "Ali Admin")).ToContainTextAsync("Deactivated");
        await Screenshots.SaveAsync(ada, "users-page-deactivated");

        // Ali's open page: the next click does nothing but take Ali to the deactivated page.
        await ali.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Assertions.Expect(ali).ToHaveURLAsync(new Regex("/signin/deactivated$"));

        await using var again = await chromium.NewContextAsync(portal.BaseAddress);
        var retry = await again.NewPageAsync();
        await ProviderPortal.SignInAsync(retry, "ali");
        await Assertions.Expect(retry).ToHaveURLAsync(new Regex("/signin/deactivated$"));
        await Assertions.Expect(retry.GetByText("Your account is deactivated")).ToBeVisibleAsync();

        await ada.GetByRole(AriaRole.Button, new() { Name = "Reactivate Ali Admin" }).ClickAsync();
        await ada.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Assertions.Expect(Row(ada, "Ali Admin")).ToContainTextAsync("Active");
        // The provider still knows Ali: no login form this time, straight back into the portal.
        await retry.GotoAsync("/users");
        await retry.GetByRole(AriaRole.Link, new() { Name = "Sign in with your organisation" }).ClickAsync();
        await Assertions.Expect(Row(retry, "Ali Admin")).ToContainTextAsync("You");
    }

    [Fact]
    public async Task Sign_out_in_one_tab_stops_the_other_tabs_open_page()
    {
        await using var context = await chromium.NewContextAsync(portal.BaseAddress);
        var first = await context.NewPageAsync();
        await ProviderPortal.SignInAsync(first, "gus");
        await Assertions.Expect(Row(first, "Gus Globex")).ToContainTextAsync("You");
        await portal.WaitInteractiveAsync(first);
        var second = await context.NewPageAsync();
        await second.GotoAsync("/users");
        await Assertions.Expect(Row(second, "Gus Globex")).ToContainTextAsync("You");

        await ProviderPortal.SignOutAsync(second);
        await ConfirmAtProviderAsync(second);

        await first.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();

        await Assertions.Expect(first).ToHaveURLAsync(new Regex("/signin"));
    }

    [Fact]
    public async Task Role_change_at_the_provider_reaches_an_open_page_at_its_next_action_and_removal_ends_the_session()
    {
        await using var context = await chromium.NewContextAsync(portal.BaseAddress);
        var page = await context.NewPageAsync();
        await ProviderPortal.SignInAsync(page, "rob");
        await Assertions.Expect(Row(page, "Rob Rolechange")).ToContainTextAsync("You");
        await portal.WaitInteractiveAsync(page);

        await portal.Provider.ChangeRolesAsync("rob", "portal-users");

        // The page stays open; once the refresh interval (10 s here) has passed, its next click re-checks with the provider.
        var demoted = page.GetByText("Only full admins manage the users of the organisation.");
        await UntilAsync(async () =>
        {
            try
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync(new() { Timeout = 5000 });
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // The page is reloading with the new role (on a busy machine the reload can outlast the click's wait).
            }

            return await demoted.IsVisibleAsync();
        });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/users$"));

        await portal.Provider.RemoveAsync("rob");

        await UntilAsync(async () =>
        {
            await page.GotoAsync("/users");
            return new Uri(page.Url).AbsolutePath == "/signin";
        });
    }

    /// <summary>Repeats <paramref name="attempt"/> until it reports success; fails after a minute.</summary>
    private static async Task UntilAsync(Func<Task<bool>> attempt)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!await attempt())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within a minute.");
        }
    }

    /// <summary>Answers the provider's end-session page, which the portal's sign-out leads to.</summary>
    private async Task ConfirmAtProviderAsync(IPage page)
    {
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        }
        catch (TimeoutException)
        {
            // Say where the browser went instead and what the portal said (a page of the ended session that left for
            // /signin on its own once cut this navigation short).
            Assert.Fail($"The provider's sign-out page did not come; the browser is on {page.Url}. The portal's output:\n{portal.Output}");
        }
    }

    private static ILocator Row(IPage page, string name) =>
        page.Locator("tr", new() { Has = page.GetByText(name, new() { Exact = true }) });
}
