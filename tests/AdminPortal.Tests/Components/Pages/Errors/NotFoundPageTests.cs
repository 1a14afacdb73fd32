namespace AdminPortal.Tests.Components.Pages.Errors;

public sealed class NotFoundPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Unknown_address_answers_404_with_the_not_found_page()
    {
        using var response = await portal.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
    }
}
