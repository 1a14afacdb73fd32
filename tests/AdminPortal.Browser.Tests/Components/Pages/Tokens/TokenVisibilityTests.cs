using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>
/// Who sees which tokens, where only a real server can tell: the prerendered HTML holds none, and a signed-out visitor
/// comes back to the view they asked for. (Who sees what on the page itself: bUnit's TokensPageVisibilityTests.)
/// </summary>
public sealed class TokenVisibilityTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
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
}
