using AdminPortal.Tests.Components.Pages.SignIn;

namespace AdminPortal.Tests.Components.Layout;

public sealed class MainLayoutTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Page_is_rendered_in_the_theme_of_the_cookie_so_nothing_flashes()
    {
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("Cookie", "adminportal.theme=dark");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("<html lang=\"en\" data-theme=\"dark\">", html, StringComparison.Ordinal);
        Assert.Contains("<link id=\"portal-theme\" rel=\"stylesheet\" href=\"theme/dark.css\" />", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("light", "rgba(248,250,252,1)")]
    [InlineData("dark", "rgba(11,17,32,1)")]
    public async Task Theme_stylesheet_is_MudBlazors_palette_of_that_theme(string theme, string background)
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync($"/theme/{theme}.css", TestContext.Current.CancellationToken);
        var css = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"--mud-palette-background: {background};", css, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", css, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Theme_stylesheet_of_an_unknown_theme_is_not_found()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/theme/..%2Fapp.css", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Page_without_a_cookie_is_light()
    {
        using var client = portal.CreateClient();
        var (_, html) = await client.GetPageAsync("/signin");

        Assert.Contains("data-theme=\"light\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"theme/light.css\"", html, StringComparison.Ordinal);
        Assert.Contains("_content/MudBlazor/MudBlazor.min", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_bar_names_the_person_role_and_tenant_with_sign_out_and_the_theme_toggle_island()
    {
        using var client = await portal.SignedInClientAsync("demo-reader");

        var html = await LayoutOfAsync(client);

        Assert.Contains("aria-label=\"Signed in as Sam Reader\"", html, StringComparison.Ordinal);
        Assert.Contains(">Security reader</span>", html, StringComparison.Ordinal);
        Assert.Contains(">Acme Corp</span>", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"signout\"", html, StringComparison.Ordinal);
        Assert.Contains("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Dark theme\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigation_offers_the_audit_log_to_full_admins_only()
    {
        using var admin = await portal.SignedInClientAsync("demo-admin");
        using var user = await portal.SignedInClientAsync("demo-user");

        var adminHtml = await LayoutOfAsync(admin);
        var userHtml = await LayoutOfAsync(user);

        Assert.Contains("href=\"audit\"", adminHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"tokens\"", userHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"audit\"", userHtml, StringComparison.Ordinal);
    }

    // Any page shows the layout; the not-found page exists on every branch and carries no content of its own.
    private static async Task<string> LayoutOfAsync(HttpClient client)
    {
        var (status, html) = await client.GetPageAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, status);
        return html;
    }
}
