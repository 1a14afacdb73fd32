namespace AdminPortal.Tests.Components.Pages.Home;

public sealed class HomePageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Home_page_names_the_product_and_what_comes_next()
    {
        var html = await GetHomeAsync();

        Assert.Contains("<h1", html, StringComparison.Ordinal);
        Assert.Contains("AdminPortal", html, StringComparison.Ordinal);
        Assert.Contains("The API tokens portal comes next", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_prerenders_the_circuit_check_as_an_interactive_server_component()
    {
        var html = await GetHomeAsync();

        Assert.Contains("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
        Assert.Contains("Circuit check", html, StringComparison.Ordinal);
        Assert.Contains("Check connection", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_page_loads_the_radzen_theme_and_script()
    {
        var html = await GetHomeAsync();

        Assert.Contains("_content/Radzen.Blazor/css/material-base.css", html, StringComparison.Ordinal);
        Assert.Contains("_content/Radzen.Blazor/Radzen.Blazor", html, StringComparison.Ordinal);
    }

    private async Task<string> GetHomeAsync()
    {
        using var response = await portal.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
