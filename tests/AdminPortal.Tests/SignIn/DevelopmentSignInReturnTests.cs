using System.Globalization;
using AdminPortal.Tests.Components.Pages.SignIn;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminPortal.Tests.SignIn;

/// <summary>POST /signin/dev sends the browser back only to a local path, over HTTP.</summary>
public sealed class DevelopmentSignInReturnTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Hostile_return_address_redirects_to_the_token_list_or_is_refused()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var wrong = new List<string>();
        foreach (var hostile in HostileReturnUrls.All)
        {
            using var response = await client.PostSignInAsync("demo-admin", hostile);
            // The form reader itself refuses some (a NUL character): a 400 without a Location is as good.
            var tokens = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/tokens";
            var refused = response.StatusCode == HttpStatusCode.BadRequest && response.Headers.Location is null;
            if (!tokens && !refused)
            {
                wrong.Add($"{Printable(hostile)} → {(int)response.StatusCode} {response.Headers.Location?.OriginalString}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task Local_return_address_is_where_the_sign_in_leads()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var response = await client.PostSignInAsync("demo-admin", "/audit?page=2");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/audit?page=2", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Sign_in_page_puts_only_a_local_return_address_into_its_forms()
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var html = await client.GetStringAsync(new Uri("/signin?ReturnUrl=" + Uri.EscapeDataString("/\t/evil.example"), UriKind.Relative),
            TestContext.Current.CancellationToken);

        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
        Assert.Contains("name=\"returnUrl\" value=\"/tokens\"", html, StringComparison.Ordinal);
    }

    internal static string Printable(string value) =>
        string.Concat(value.Select(c => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString()));
}
