namespace AdminPortal.Tests.Security;

/// <summary>Outside Development no answer tells an attacker what failed, with what, or which software runs.</summary>
public sealed class ErrorDisclosureTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly string[] Revealing =
    [
        ProductionPortal.ExceptionDetail, nameof(InvalidOperationException), "   at ", "Microsoft.", "Kestrel", "ASP.NET", ".NET 10", "10.0.",
    ];

    [Fact]
    public async Task Failure_of_a_page_is_the_friendly_error_page_without_any_detail()
    {
        using var production = portal.InProduction();
        using var client = production.Client();

        using var response = await client.GetAsync(new Uri(ProductionPortal.FailingPagePath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Something went wrong", body, StringComparison.Ordinal);
        AssertRevealsNothing(response, body);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/no-such-thing")]
    [InlineData("/_framework/no-such-script.js")]
    public async Task Not_found_reveals_nothing(string path)
    {
        using var production = portal.InProduction();
        using var client = production.Client();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertRevealsNothing(response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_to_an_address_without_a_form_shows_the_not_found_page_not_a_form_error()
    {
        using var production = portal.InProduction();
        using var client = production.Client();

        // Re-executed as a POST, the not-found page would itself be a form post without antiforgery token: 400.
        using var response = await client.PostAsync(new Uri("/no-such-page", UriKind.Relative), new StringContent("a=b"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("There is nothing at this address.", body, StringComparison.Ordinal);
        AssertRevealsNothing(response, body);
    }

    private static void AssertRevealsNothing(HttpResponseMessage response, string body)
    {
        foreach (var text in Revealing)
        {
            Assert.False(body.Contains(text, StringComparison.Ordinal), $"The answer reveals '{text}':\n{body}");
        }

        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.False(response.Headers.Contains("X-AspNet-Version"));
    }
}
