using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>Who sees which tokens: each demo user, the admin's All/My switch, and no way around it by GUID.</summary>
public sealed class TokenVisibilityTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task A_full_admin_sees_every_usable_token_of_the_tenant_with_its_owner_and_can_switch_to_their_own()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin, timeZone: "Asia/Tokyo");

        // Newest first; the revoked "Old deploy key" and tenant B's token are not in the default view.
        await tokens.ExpectNamesAsync("Audit dashboard", "Laptop script", "Alert webhook", "Quarterly access review", "SIEM export", "Terraform CI");
        await Assertions.Expect(tokens.Count).ToHaveTextAsync("6 matching tokens");
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Owner" })).ToBeVisibleAsync();
        await Assertions.Expect(tokens.Row("Laptop script")).ToContainTextAsync("Uma User");
        await Assertions.Expect(tokens.Row("Quarterly access review")).ToContainTextAsync("Scheduled");
        await Assertions.Expect(tokens.Row("SIEM export")).ToContainTextAsync("Inactive");
        await Assertions.Expect(tokens.Row("Laptop script")).ToContainTextAsync("Generated");
        await Assertions.Expect(tokens.Page.GetByText("Times in Asia/Tokyo (UTC+09:00)")).ToBeVisibleAsync();
        await Assertions.Expect(tokens.Row("Laptop script").Locator(".token-date").First).ToHaveAttributeAsync("title", new Regex("Asia/Tokyo"));
        await Screenshots.SaveAsync(tokens.Page, "tokens-admin");

        await tokens.Page.GetByRole(AriaRole.Radio, new() { Name = "My tokens" }).ClickAsync();

        await tokens.ExpectNamesAsync("Quarterly access review", "SIEM export", "Terraform CI");
        await Assertions.Expect(tokens.Page).ToHaveURLAsync(new Regex(@"/tokens\?view=mine$"));
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Owner" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_user_sees_only_their_own_tokens_without_owner_column_or_switch()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);

        await tokens.ExpectNamesAsync("Laptop script", "Alert webhook");
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Radio, new() { Name = "All tokens" })).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Columnheader, new() { Name = "Owner" })).ToHaveCountAsync(0);
        await Assertions.Expect(tokens.Page.GetByRole(AriaRole.Combobox, new() { Name = "Owner" })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(tokens.Page, "tokens-user");

        // Asking for everything through the address changes nothing for a user.
        await tokens.Page.GotoAsync("/tokens?view=all&status=all");
        await tokens.WaitForListAsync();
        await tokens.ExpectNamesAsync("Laptop script", "Alert webhook");
    }

    [Fact]
    public async Task A_security_reader_sees_their_own_token_and_may_grant_only_read_scopes()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Reader);

        await tokens.ExpectNamesAsync("Audit dashboard");
        await tokens.OpenCreateAsync();
        var scopes = tokens.Dialog.GetByRole(AriaRole.Group, new() { Name = "Scopes" }).GetByRole(AriaRole.Checkbox);
        await Assertions.Expect(scopes).ToHaveCountAsync(4);
        await Assertions.Expect(tokens.Dialog.GetByRole(AriaRole.Checkbox, new() { Name = "tokens:write" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Another_users_token_stays_invisible_even_by_its_GUID_in_the_filter_or_the_address()
    {
        await using var admin = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var guid = await admin.GuidOfAsync("Terraform CI");
        await using var user = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);

        await ExpectNotFoundAsync(user, guid, "Terraform CI", "&view=all");
    }

    [Fact]
    public async Task An_admin_of_another_tenant_sees_only_their_tenant_even_by_GUID_or_owner_in_the_address()
    {
        await using var acme = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var guid = await acme.GuidOfAsync("SIEM export");
        await acme.ChooseAsync("Owner", "Ada Admin");
        await Assertions.Expect(acme.Page).ToHaveURLAsync(new Regex("owner=[0-9a-f-]{36}"));
        var owner = Regex.Match(acme.Page.Url, "owner=([0-9a-f-]{36})").Groups[1].Value;
        await using var globex = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.OtherTenantAdmin);

        await globex.ExpectNamesAsync("Globex ingest");
        await globex.Page.GetByRole(AriaRole.Combobox, new() { Name = "Owner" }).ClickAsync();
        await Assertions.Expect(globex.Page.GetByRole(AriaRole.Option, new() { Name = "Ada Admin" })).ToHaveCountAsync(0);
        await globex.Page.Keyboard.PressAsync("Escape");
        await ExpectNotFoundAsync(globex, guid, "SIEM export", $"&owner={owner}");

        await globex.Page.GotoAsync($"/tokens?owner={owner}&status=all");
        await globex.WaitForListAsync();
        await globex.ExpectNamesAsync();
    }

    [Fact]
    public async Task The_prerendered_page_holds_no_token_data()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);

        // The same request as a reload, with the session cookie, but read as static HTML before any circuit runs.
        var response = await tokens.Page.Context.APIRequest.GetAsync("/tokens?status=all");
        var html = await response.TextAsync();

        Assert.Equal(200, response.Status);
        Assert.Contains("Loading tokens", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Terraform CI", html, StringComparison.Ordinal);
        Assert.DoesNotContain(await tokens.GuidOfAsync("Terraform CI"), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in_and_come_back_to_the_tokens()
    {
        await using var context = await chromium.NewContextAsync(portal.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/tokens?status=revoked");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/signin"));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {DevelopmentSignIn.Admin}" }).ClickAsync();
        var tokens = new TokensPageDriver(page);
        await tokens.WaitForListAsync();
        await tokens.ExpectNamesAsync("Old deploy key");
    }

    /// <summary>
    /// The viewer searches the GUID of a token they must not see, first in the filter, then with every status (and
    /// <paramref name="extraQuery"/>) in the address: nothing is found and the token's name appears nowhere.
    /// </summary>
    private static async Task ExpectNotFoundAsync(TokensPageDriver viewer, string guid, string name, string extraQuery)
    {
        await viewer.Page.GetByLabel("Search by GUID").FillAsync(guid);
        await viewer.ExpectNamesAsync();
        await Assertions.Expect(viewer.Page.GetByText("No tokens match these filters.")).ToBeVisibleAsync();

        await viewer.Page.GotoAsync($"/tokens?guid={guid}&status=all{extraQuery}");
        await viewer.WaitForListAsync();
        await viewer.ExpectNamesAsync();
        await Assertions.Expect(viewer.Page.Locator("body")).Not.ToContainTextAsync(name);
    }
}
