using AdminPortal.Tests.Components.Pages.SignIn;

namespace AdminPortal.Tests.Components.Pages.Audit;

public sealed class AuditPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_and_back()
    {
        using var response = await portal.GetAsync("/audit?page=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin?ReturnUrl=%2Faudit%3Fpage%3D2", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [InlineData("demo-user")]
    [InlineData("demo-reader")]
    public async Task Everyone_but_full_admins_is_refused_with_403_and_no_circuit(string subject)
    {
        using var client = await portal.SignedInClientAsync(subject);

        var (status, html) = await client.GetPageAsync("/audit");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Not allowed", html, StringComparison.Ordinal);
        Assert.Contains("This page is for full admins.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Filter the audit log", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_admin_gets_the_interactive_log()
    {
        using var client = await portal.SignedInClientAsync("demo-admin");

        var (status, html) = await client.GetPageAsync("/audit");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h1 class=\"audit-title\"", html, StringComparison.Ordinal);
        Assert.Contains("Filter the audit log", html, StringComparison.Ordinal);
        Assert.Contains("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
    }
}
