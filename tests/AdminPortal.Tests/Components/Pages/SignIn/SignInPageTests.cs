namespace AdminPortal.Tests.Components.Pages.SignIn;

public sealed class SignInPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Development_sign_in_is_marked_as_such()
    {
        var html = await GetAsync("/signin");

        Assert.Contains("Development sign-in", html, StringComparison.Ordinal);
        Assert.Contains("refused everywhere else", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_demo_user_is_a_form_posting_to_the_development_sign_in_with_antiforgery()
    {
        var html = await GetAsync("/signin");

        Assert.Equal(4, Count(html, "action=\"/signin/dev\""));
        Assert.Equal(4, Count(html, "name=\"__RequestVerificationToken\""));
        foreach (var subject in new[] { "demo-admin", "demo-user", "demo-reader", "demo-globex" })
        {
            Assert.Contains($"name=\"subject\" value=\"{subject}\"", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Ada Admin", "Full admin", "Acme Corp")]
    [InlineData("Uma User", "User", "Acme Corp")]
    [InlineData("Sam Reader", "Security reader", "Acme Corp")]
    [InlineData("Gus Globex", "Full admin", "Globex")]
    public async Task Each_demo_user_shows_role_and_tenant(string name, string role, string tenant)
    {
        var html = await GetAsync("/signin");

        Assert.Contains($"aria-label=\"Sign in as {name}\"", html, StringComparison.Ordinal);
        Assert.Contains($"{role} in {tenant}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_page_is_static_so_anonymous_visitors_open_no_circuit()
    {
        var html = await GetAsync("/signin");

        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_address_is_carried_into_every_form()
    {
        var html = await GetAsync("/signin?ReturnUrl=%2Faudit%3Fpage%3D2");

        Assert.Equal(4, Count(html, "name=\"returnUrl\" value=\"/audit?page=2\""));
    }

    [Fact]
    public async Task Deactivated_page_explains_what_happened_and_what_to_do()
    {
        var html = await GetAsync("/signin/deactivated");

        Assert.Contains("Your account is deactivated", html, StringComparison.Ordinal);
        Assert.Contains("permission denied", html, StringComparison.Ordinal);
        Assert.Contains("reactivate", html, StringComparison.Ordinal);
    }

    private async Task<string> GetAsync(string path)
    {
        using var response = await portal.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
