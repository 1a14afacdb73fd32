using System.Text.RegularExpressions;

namespace AdminPortal.Tests.Security;

public sealed partial class SecurityHeadersTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string LockedDown = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static TheoryData<string, string, HttpStatusCode> EveryKindOfResponse => new()
    {
        { "GET", "/signin", HttpStatusCode.OK },
        { "GET", "/", HttpStatusCode.Redirect },
        { "GET", "/tokens", HttpStatusCode.Redirect },
        { "GET", "/no-such-page", HttpStatusCode.NotFound },
        { "GET", "/healthz", HttpStatusCode.OK },
        { "GET", "/healthz/ready", HttpStatusCode.OK },
        { "GET", "/_content/MudBlazor/MudBlazor.min.js", HttpStatusCode.OK },
        { "GET", "/_framework/blazor.web.js", HttpStatusCode.OK },
        { "GET", "/api/v1/me", HttpStatusCode.Unauthorized },
        { "GET", "/api/v1/no-such-thing", HttpStatusCode.NotFound },
        { "GET", "/auth/verify", HttpStatusCode.Unauthorized },
        { "GET", "/openapi/v1.json", HttpStatusCode.OK },
        { "POST", "/signout", HttpStatusCode.BadRequest },
        { "POST", "/signin/dev", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(EveryKindOfResponse))]
    public async Task Every_kind_of_response_carries_the_security_headers(string method, string path, HttpStatusCode status)
    {
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.True(csp.Contains("object-src 'none'", StringComparison.Ordinal) || csp.StartsWith("default-src 'none'", StringComparison.Ordinal), csp);
        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
        // Development: no HSTS, or a developer's browser would insist on HTTPS for localhost for a year.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_page_gets_the_page_policy_whose_nonce_is_on_its_only_inline_script_and_new_every_time()
    {
        var (first, firstHtml) = await PageAsync("/signin");
        var (second, _) = await PageAsync("/signin");

        var nonce = Nonce().Match(first).Groups["nonce"].Value;
        Assert.Equal(
            $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'unsafe-inline'; " +
            "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-src 'none'; " +
            "frame-ancestors 'none'; form-action 'self'",
            first);
        Assert.True(nonce.Length >= 22, nonce);
        Assert.NotEqual(nonce, Nonce().Match(second).Groups["nonce"].Value);
        var scripts = InlineScript().Matches(firstHtml);
        var importMap = Assert.Single(scripts);
        Assert.Equal($"<script type=\"importmap\" nonce=\"{nonce}\">", importMap.Value);
        Assert.DoesNotContain(" onclick=", firstHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", firstHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/v1/me")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/signout")]
    public async Task What_is_not_a_page_gets_the_policy_that_allows_nothing(string path)
    {
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false });

        using var response = path == "/signout"
            ? await client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken)
            : await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(LockedDown, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task With_an_identity_provider_forms_may_also_lead_to_its_origin_for_the_sign_out_redirect()
    {
        using var production = portal.InProduction("https://login.example.com:8443/realms/acme");
        using var client = production.Client();

        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.EndsWith("; form-action 'self' https://login.example.com:8443", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/signin")]
    [InlineData("/healthz")]
    [InlineData("/api/v1/me")]
    [InlineData("/")]
    [InlineData(ProductionPortal.FailingPagePath)]
    public async Task Outside_development_https_answers_carry_hsts_for_a_year_even_error_pages(string path)
    {
        using var production = portal.InProduction();
        using var client = production.Client();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://portal.example/")]
    [InlineData("https://localhost/")]
    public async Task Hsts_is_not_sent_over_plain_http_nor_to_localhost(string baseAddress)
    {
        using var production = portal.InProduction();
        using var client = production.Client(baseAddress);

        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Behind_a_proxy_that_terminates_tls_hsts_is_sent_once_forwarded_headers_are_enabled()
    {
        // ASPNETCORE_FORWARDEDHEADERS_ENABLED=true in a deployment; nginx sends X-Forwarded-Proto.
        using var production = portal.InProduction(settings: ("FORWARDEDHEADERS_ENABLED", "true"));
        using var client = production.Client("http://portal.example/");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("max-age=31536000", Header(response, "Strict-Transport-Security"));
    }

    private async Task<(string Policy, string Html)> PageAsync(string path)
    {
        using var response = await portal.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (Header(response, "Content-Security-Policy"), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}.");

    [GeneratedRegex("'nonce-(?<nonce>[^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();
}
