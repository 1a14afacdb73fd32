using System.Text.RegularExpressions;

namespace AdminPortal.Tests.BlazorScript;

// The SDK's own script (.NET 10); without it nothing on the portal is interactive.
public sealed class BlazorScriptTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Blazor_script_is_served_as_non_empty_javascript()
    {
        using var response = await portal.GetAsync("/_framework/blazor.web.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        var script = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(script.Length > 100_000, $"blazor.web.js has only {script.Length} characters.");
        Assert.Contains("Blazor", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_reference_a_blazor_script_that_is_served()
    {
        using var page = await portal.GetAsync("/signin");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var src = Regex.Match(html, "<script src=\"(_framework/blazor\\.web[^\"]*\\.js)\"").Groups[1].Value;

        Assert.NotEmpty(src);
        using var script = await portal.GetAsync("/" + src);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Served_script_is_the_dotnet_10_one_that_drives_the_reconnect_dialog()
    {
        using var response = await portal.GetAsync("/_framework/blazor.web.js");
        var script = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // .NET 10 raises this event for the page's own reconnect dialog; the .NET 9 script never did.
        Assert.Contains("components-reconnect-state-changed", script, StringComparison.Ordinal);
        using var page = await portal.GetAsync("/signin");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<dialog id=\"components-reconnect-modal\"", html, StringComparison.Ordinal);
        var module = Regex.Match(html, "<script type=\"module\" src=\"(Components/Layout/ReconnectModal[^\"]*\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(module);
        using var moduleResponse = await portal.GetAsync("/" + module);
        Assert.Equal(HttpStatusCode.OK, moduleResponse.StatusCode);
    }
}
