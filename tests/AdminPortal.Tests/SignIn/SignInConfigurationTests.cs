using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.SignIn;

/// <summary>Which sign-in the portal offers, from its configuration and environment.</summary>
public sealed class SignInConfigurationTests
{
    [Fact]
    public async Task Without_a_provider_outside_development_the_portal_refuses_to_start_naming_the_settings()
    {
        await using var portal = await OidcPortal.StartAsync(settings: _ => new Dictionary<string, string?>());

        var error = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException { InnerException: { } inner } ? inner : error);
        var message = Assert.Single(validation.Failures);
        foreach (var key in new[] { "Authentication:Oidc:Authority", "Authentication:Oidc:ClientId", "Authentication:Oidc:ClientSecret", "Authentication:Oidc:TenantClaim" })
        {
            Assert.Contains(key, message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Incomplete_provider_settings_stop_the_start_with_the_missing_keys()
    {
        await using var portal = await OidcPortal.StartAsync(settings: provider =>
        {
            var settings = OidcPortal.Settings(provider);
            settings.Remove("Authentication:Oidc:ClientSecret");
            settings.Remove("Authentication:Oidc:TenantClaim");
            return settings;
        });

        var error = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        var failures = string.Join("\n", Assert.IsType<OptionsValidationException>(error is AggregateException { InnerException: { } inner } ? inner : error).Failures);
        Assert.Contains("Authentication:Oidc:ClientSecret is required", failures, StringComparison.Ordinal);
        Assert.Contains("Set exactly one of Authentication:Oidc:TenantClaim", failures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_provider_the_development_sign_in_is_gone_even_in_development()
    {
        await using var portal = await OidcPortal.StartAsync("Development");
        using var browser = portal.NewBrowser();

        using var signInPage = await browser.GetAsync("/signin");
        var html = await signInPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var devSignIn = await browser.Client.PostAsync(new Uri("/signin/dev", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["subject"] = "demo-admin" }), TestContext.Current.CancellationToken);

        Assert.Contains("Sign in with your organisation", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/signin/oidc?returnUrl=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Admin", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/signin/dev", html, StringComparison.Ordinal);
        using var devRoute = await browser.GetAsync("/signin/dev");
        // Not mapped at all (a mapped POST-only route would answer 405); a POST signs nobody in.
        Assert.Equal(HttpStatusCode.NotFound, devRoute.StatusCode);
        Assert.False(devSignIn.IsSuccessStatusCode || devSignIn.StatusCode == HttpStatusCode.Redirect);
        Assert.DoesNotContain(browser.Cookies.SetCookieHeaders, h => h.StartsWith("adminportal.session=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("NoRole", "has no role in AdminPortal")]
    [InlineData("Cancelled", "Sign-in was cancelled.")]
    [InlineData("garbage", "Sign-in did not complete.")]
    public async Task Sign_in_page_says_why_the_last_attempt_failed(string error, string message)
    {
        await using var portal = await OidcPortal.StartAsync();

        using var page = await portal.NewBrowser().GetAsync($"/signin?error={error}");

        Assert.Contains(message, await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
