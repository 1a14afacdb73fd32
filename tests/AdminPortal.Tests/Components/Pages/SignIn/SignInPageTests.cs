namespace AdminPortal.Tests.Components.Pages.SignIn;

/// <summary>
/// The sign-in pages as the server answers them: static, with real antiforgery tokens. What they say and list is tested
/// with bUnit (AdminPortal.Components.Tests, Pages/SignIn).
/// </summary>
public sealed class SignInPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_demo_user_is_a_form_posting_to_the_development_sign_in_with_antiforgery()
    {
        var html = await GetAsync("/signin");

        Assert.Equal(4, Count(html, "action=\"/signin/dev\""));
        Assert.Equal(4, Count(html, "name=\"__RequestVerificationToken\""));
    }

    [Fact]
    public async Task Sign_in_page_is_static_so_anonymous_visitors_open_no_circuit()
    {
        var html = await GetAsync("/signin");

        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivated_page_is_open_to_anonymous_visitors_and_static()
    {
        var html = await GetAsync("/signin/deactivated");

        Assert.Contains("Your account is deactivated", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
    }

    private async Task<string> GetAsync(string path)
    {
        using var response = await portal.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
