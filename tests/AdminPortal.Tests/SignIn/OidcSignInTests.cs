using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.SignIn;

/// <summary>The sign-in through the provider, end to end over HTTP, against a provider whose tokens the tests sign.</summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    private OidcPortal portal = null!;

    private FakeProvider provider => portal.Provider;

    public async ValueTask InitializeAsync() => portal = await OidcPortal.StartAsync();

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task Challenge_is_a_pushed_code_flow_request_with_pkce_nonce_and_state()
    {
        using var browser = portal.NewBrowser();

        var challenge = await browser.StartSignInAsync();

        Assert.StartsWith($"{provider.Issuer}/authorize?", challenge.Url.ToString(), StringComparison.Ordinal);
        var query = SignInChallenge.From(challenge.Url).Parameters;
        Assert.Equal(["client_id", "request_uri"], query.Keys.Order());
        var pushed = Assert.Single(provider.PushedRequests);
        Assert.Equal(FakeProvider.ClientSecret, pushed["client_secret"]);
        AssertCodeFlowRequest(challenge);
        Assert.DoesNotContain(FakeProvider.ClientSecret, challenge.Url.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_pushed_authorization_at_the_provider_the_request_goes_in_the_query()
    {
        await using var plain = await OidcPortal.StartAsync();
        plain.Provider.OffersPushedAuthorization = false;
        using var browser = plain.NewBrowser();

        var challenge = await browser.StartSignInAsync();
        using var callback = await browser.CallbackAsync(plain.Provider.IssueCode(challenge, IdTokenSpec.Person("Uma User", "acme", "portal-users")), challenge.State);

        Assert.Empty(plain.Provider.PushedRequests);
        AssertCodeFlowRequest(challenge);
        Assert.DoesNotContain(FakeProvider.ClientSecret, challenge.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal("/users", callback.Headers.Location!.OriginalString);
    }

    private static void AssertCodeFlowRequest(SignInChallenge challenge)
    {
        Assert.Equal("code", challenge.Parameters["response_type"]);
        // Query is the code flow's default response mode: the handler sends response_mode only for another one.
        Assert.Equal("query", challenge.Parameters.GetValueOrDefault("response_mode") ?? "query");
        Assert.Equal(FakeProvider.ClientId, challenge.Parameters["client_id"]);
        Assert.Equal("S256", challenge.Parameters["code_challenge_method"]);
        Assert.Equal("https://localhost/signin-oidc", challenge.Parameters["redirect_uri"]);
        Assert.Equal(["openid", "profile", "email", "offline_access"], challenge.Parameters["scope"].Split(' '));
        Assert.True(challenge.Nonce.Length >= 40 && challenge.CodeChallenge.Length == 43 && challenge.State.Length > 100);
    }

    [Fact]
    public async Task Sign_in_creates_the_user_with_role_and_tenant_and_sets_a_strict_session_cookie()
    {
        using var browser = portal.NewBrowser();

        using var callback = await portal.SignInAsync(browser, IdTokenSpec.Person("Ada Admin", "acme", "staff", "portal-admins"), "/users");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/users", callback.Headers.Location!.OriginalString);
        var session = Assert.Single(browser.Cookies.SetCookieHeaders, h => h.StartsWith("__Host-adminportal.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        await using var db = portal.Db();
        var user = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
        var tenant = await db.Tenants.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("Ada Admin", "ada@acme.example", Role.FullAdmin), (user.DisplayName, user.Email, user.Role));
        Assert.Equal(("acme", "ACME"), (tenant.Key, tenant.Name));
        Assert.NotNull(user.LastSignInAt);
        var request = Assert.Single(provider.TokenRequests);
        Assert.Equal(43, request["code_verifier"].Length);
        using var page = await browser.GetAsync("/users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        portal.AssertLogHoldsNoSecret();
    }

    public static TheoryData<string, string> BadIdTokens => new()
    {
        { "wrong audience", "wrong audience" },
        { "wrong issuer", "wrong issuer" },
        { "expired", "expired" },
        { "forged signature", "bad signature" },
        { "unknown signing key", "bad signature (no key of the provider matches)" },
        { "missing nonce", "missing nonce" },
        { "wrong nonce", "wrong nonce" },
        { "no role", "maps to a portal role" },
        { "no tenant", "no 'tenant' claim" },
    };

    [Theory]
    [MemberData(nameof(BadIdTokens))]
    public async Task Bad_id_token_is_refused_logged_with_its_reason_and_no_secret(string problem, string loggedReason)
    {
        var valid = IdTokenSpec.Person("Uma User", "acme", "portal-users");
        var spec = problem switch
        {
            "wrong audience" => valid with { Audience = "another-client" },
            "wrong issuer" => valid with { Issuer = "https://evil.example" },
            "expired" => valid with { ExpiresIn = TimeSpan.FromMinutes(-10) },
            "forged signature" => valid with { SignWith = SigningChoice.ForgedKey },
            "unknown signing key" => valid with { SignWith = SigningChoice.UnknownKey },
            "missing nonce" => valid with { IncludeNonce = false },
            "wrong nonce" => valid with { Nonce = "another-sign-in" },
            "no role" => IdTokenSpec.Person("Nora Nobody", "acme", "staff"),
            "no tenant" => valid with { Claims = new(valid.Claims.Where(c => c.Key != "tenant")) },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };
        using var browser = portal.NewBrowser();
        var challenge = await browser.StartSignInAsync();
        var code = provider.IssueCode(challenge, spec);

        using var callback = await browser.CallbackAsync(code, challenge.State);

        var expected = problem switch { "no role" => "NoRole", "no tenant" => "NoTenant", _ => "Failed" };
        AssertRefused(callback, browser, expected);
        Assert.Contains(portal.Log, l => l.Contains($"sign-in refused ({expected})", StringComparison.Ordinal) && l.Contains(loggedReason, StringComparison.Ordinal));
        await AssertNoUserAsync();
        portal.AssertLogHoldsNoSecret(code);
    }

    [Fact]
    public async Task Id_token_without_an_issuer_is_refused()
    {
        var spec = IdTokenSpec.Person("Ian Issuerless", "acme", "portal-admins") with { IncludeIssuer = false };
        using var browser = portal.NewBrowser();
        var challenge = await browser.StartSignInAsync();
        var code = provider.IssueCode(challenge, spec);

        using var callback = await browser.CallbackAsync(code, challenge.State);

        AssertRefused(callback, browser, "Failed");
        Assert.Contains(portal.Log, l => l.Contains("sign-in refused (Failed)", StringComparison.Ordinal) && l.Contains("issuer", StringComparison.OrdinalIgnoreCase));
        Assert.False(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(provider.IssuedIdTokens.Single()).TryGetPayloadValue<string>("iss", out _));
        await AssertNoUserAsync();
        portal.AssertLogHoldsNoSecret(code);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("https://evil.example")]
    public async Task Authorization_response_without_the_providers_iss_is_refused(string iss)
    {
        using var browser = portal.NewBrowser();
        var challenge = await browser.StartSignInAsync();
        var code = provider.IssueCode(challenge, IdTokenSpec.Person("Ada Admin", "acme", "portal-admins"));

        using var callback = await browser.CallbackAsync(code, challenge.State, iss == "none" ? null : iss);

        AssertRefused(callback, browser, "Failed");
        Assert.Contains(portal.Log, l => l.Contains("sign-in refused (Failed)", StringComparison.Ordinal) && l.Contains("issuer", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(provider.TokenRequests);
        await AssertNoUserAsync();
        portal.AssertLogHoldsNoSecret(code);
    }

    [Fact]
    public async Task Wrong_state_is_refused()
    {
        using var browser = portal.NewBrowser();
        var challenge = await browser.StartSignInAsync();
        var code = provider.IssueCode(challenge, IdTokenSpec.Person("Uma User", "acme", "portal-users"));
        var tampered = challenge.State[..^4] + (challenge.State[^4..] == "AAAA" ? "BBBB" : "AAAA");

        using var callback = await browser.CallbackAsync(code, tampered);

        AssertRefused(callback, browser, "Failed");
        Assert.Contains(portal.Log, l => l.Contains("sign-in refused (Failed): Unable to unprotect the message.State.", StringComparison.Ordinal));
        Assert.Empty(provider.TokenRequests);
        portal.AssertLogHoldsNoSecret(code);
    }

    [Fact]
    public async Task State_of_another_browser_is_refused()
    {
        using var attacker = portal.NewBrowser();
        using var victim = portal.NewBrowser();
        var challenge = await attacker.StartSignInAsync();
        var code = provider.IssueCode(challenge, IdTokenSpec.Person("Mallory", "acme", "portal-admins"));

        using var callback = await victim.CallbackAsync(code, challenge.State);

        AssertRefused(callback, victim, "Failed");
        Assert.Contains(portal.Log, l => l.Contains("sign-in refused (Failed): Correlation failed.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replayed_code_is_refused_even_with_the_original_cookies()
    {
        using var browser = portal.NewBrowser();
        var challenge = await browser.StartSignInAsync();
        var correlation = browser.Cookies.Container.GetCookies(new Uri("https://localhost/signin-oidc")).Single(c => c.Name.StartsWith("__Host-adminportal.correlation.", StringComparison.Ordinal));
        var code = provider.IssueCode(challenge, IdTokenSpec.Person("Uma User", "acme", "portal-users"));
        using var first = await browser.CallbackAsync(code, challenge.State);
        Assert.Equal("/users", first.Headers.Location!.OriginalString);

        using var replayer = portal.NewBrowser();
        replayer.Cookies.Container.Add(new Uri("https://localhost/signin-oidc"), new Cookie(correlation.Name, correlation.Value, "/"));
        using var replay = await replayer.CallbackAsync(code, challenge.State);

        AssertRefused(replay, replayer, "Failed");
        Assert.Contains(portal.Log, l => l.Contains("sign-in refused (Failed): The provider answered with the error invalid_grant.", StringComparison.Ordinal));
        portal.AssertLogHoldsNoSecret(code);
    }

    [Fact]
    public async Task Signing_key_rollover_needs_no_restart()
    {
        using (var before = portal.NewBrowser())
        using (var first = await portal.SignInAsync(before, IdTokenSpec.Person("Uma User", "acme", "portal-users")))
        {
            Assert.Equal("/users", first.Headers.Location!.OriginalString);
        }

        provider.RollOverKeys();
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);
        using var after = portal.NewBrowser();
        using var second = await portal.SignInAsync(after, IdTokenSpec.Person("Uma User", "acme", "portal-users"));

        Assert.True("/users" == second.Headers.Location!.OriginalString, string.Join("\n", portal.Log));
    }

    [Fact]
    public async Task Cancelled_sign_in_says_so()
    {
        using var browser = portal.NewBrowser();
        var challenge = await browser.StartSignInAsync();

        using var callback = await browser.GetAsync($"/signin-oidc?error=access_denied&state={Uri.EscapeDataString(challenge.State)}");

        AssertRefused(callback, browser, "Cancelled");
    }

    private static void AssertRefused(HttpResponseMessage callback, Browser browser, string error)
    {
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal($"/signin?error={error}", callback.Headers.Location!.OriginalString);
        Assert.DoesNotContain(browser.Cookies.SetCookieHeaders, h => h.StartsWith("__Host-adminportal.session=", StringComparison.Ordinal));
    }

    private async Task AssertNoUserAsync()
    {
        await using var db = portal.Db();
        Assert.False(await db.Users.AnyAsync(TestContext.Current.CancellationToken));
    }
}
