using AdminPortal.Tests.SignIn;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Tests.Security;

/// <summary>The flags of every cookie the server sets, read from real Set-Cookie headers.</summary>
public sealed class CookieFlagsTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Outside_development_every_cookie_is_host_only_secure_httponly_with_its_same_site()
    {
        await using var production = await OidcPortal.StartAsync();
        using var browser = production.NewBrowser();

        using (await browser.GetAsync("/signin"))
        {
        }
        var challenge = await browser.StartSignInAsync();
        using (await browser.CallbackAsync(production.Provider.IssueCode(challenge, IdTokenSpec.Person("Uma User", "acme", "portal-users")), challenge.State))
        {
        }

        var cookies = browser.Cookies.SetCookieHeaders.Select(v => SetCookieHeaderValue.Parse(v)).Where(c => !string.IsNullOrEmpty(c.Value.Value)).ToList();
        AssertFlags(Named(cookies, "__Host-adminportal.antiforgery"), secure: true, SameSiteMode.Strict);
        AssertFlags(Named(cookies, "__Host-adminportal.correlation."), secure: true, SameSiteMode.Lax);
        AssertFlags(Named(cookies, "__Host-adminportal.nonce."), secure: true, SameSiteMode.Lax);
        AssertFlags(Named(cookies, "__Host-adminportal.session"), secure: true, SameSiteMode.Lax);
        Assert.All(cookies, c => Assert.StartsWith("__Host-", c.Name.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_development_over_http_cookies_are_httponly_with_their_same_site_and_not_secure()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var page = await client.GetAsync(new Uri("/signin", UriKind.Relative), TestContext.Current.CancellationToken);
        var antiforgery = Named(Cookies(page), "adminportal.antiforgery");
        var signIn = await SignInAsync(client, antiforgery, page);

        AssertFlags(antiforgery, secure: false, SameSiteMode.Strict);
        AssertFlags(Named(Cookies(signIn), "adminportal.session"), secure: false, SameSiteMode.Lax);
    }

    [Fact]
    public async Task In_development_over_https_cookies_are_secure_too()
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost/") });

        using var page = await client.GetAsync(new Uri("/signin", UriKind.Relative), TestContext.Current.CancellationToken);
        var antiforgery = Named(Cookies(page), "adminportal.antiforgery");
        var signIn = await SignInAsync(client, antiforgery, page);

        AssertFlags(antiforgery, secure: true, SameSiteMode.Strict);
        AssertFlags(Named(Cookies(signIn), "adminportal.session"), secure: true, SameSiteMode.Lax);
    }

    /// <summary>The development sign-in's answer, posting the form of <paramref name="page"/> with its cookie.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, SetCookieHeaderValue antiforgery, HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/signin/dev")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["subject"] = "demo-user" }),
        };
        request.Headers.Add("Cookie", $"{antiforgery.Name}={antiforgery.Value}");
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static void AssertFlags(SetCookieHeaderValue cookie, bool secure, SameSiteMode sameSite)
    {
        Assert.True(cookie.HttpOnly, $"{cookie.Name} is not HttpOnly.");
        Assert.Equal(secure, cookie.Secure);
        Assert.Equal(sameSite.ToString(), cookie.SameSite.ToString());
        Assert.Equal("/", cookie.Path.Value);
        Assert.True(cookie.Domain.Value is null, $"{cookie.Name} names a domain.");
    }

    private static List<SetCookieHeaderValue> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => SetCookieHeaderValue.Parse(v)).ToList() : [];

    private static SetCookieHeaderValue Named(IEnumerable<SetCookieHeaderValue> cookies, string name) =>
        cookies.FirstOrDefault(c => c.Name.Value!.StartsWith(name, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"No Set-Cookie for {name}: {string.Join("; ", cookies.Select(c => c.Name.Value))}");
}
