using AdminPortal.Tests.Components.Pages.SignIn;

namespace AdminPortal.Tests.Components.Pages.Home;

public sealed class HomePageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in()
    {
        using var response = await portal.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task Signed_in_person_is_sent_to_the_tokens()
    {
        using var client = await portal.SignedInClientAsync("demo-user");

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tokens", response.Headers.Location?.PathAndQuery);
    }
}
