using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AdminPortal.Tokens.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.SignIn;

/// <summary>
/// The portal in process, signing people in through a <see cref="FakeProvider"/>, in the Production environment
/// unless told otherwise, with its own data directory. What it logs at its shipped log levels (and its own code at every level) is kept in <see cref="Log"/>.
/// Intent methods drive the sign-in the way a browser and the provider would.
/// </summary>
public sealed class OidcPortal(FakeProvider provider, string environment = "Production", IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// A fresh provider and a portal connected to it (settings from <see cref="Settings"/> unless given); disposing the
    /// portal stops both. With <paramref name="clock"/>, the portal and the provider both take their time from it.
    /// </summary>
    public static async Task<OidcPortal> StartAsync(
        string environment = "Production", Func<FakeProvider, IDictionary<string, string?>>? settings = null, FakeTimeProvider? clock = null)
    {
        var provider = await FakeProvider.StartAsync();
        if (clock is not null)
        {
            provider.Clock = clock;
        }

        return new OidcPortal(provider, environment, settings?.Invoke(provider), clock);
    }

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("adminportal-oidc-").FullName;

    public FakeProvider Provider => provider;

    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Settings of a portal that maps the fake provider's "roles" and "tenant" claims.</summary>
    public static Dictionary<string, string?> Settings(FakeProvider provider) => new()
    {
        ["Authentication:Oidc:Authority"] = provider.Issuer,
        ["Authentication:Oidc:ClientId"] = FakeProvider.ClientId,
        ["Authentication:Oidc:ClientSecret"] = FakeProvider.ClientSecret,
        ["Authentication:Oidc:RequireHttpsMetadata"] = "false",
        ["Authentication:Oidc:TenantClaim"] = "tenant",
        ["Authentication:Oidc:TenantNameClaim"] = "tenant_name",
        ["Authentication:Oidc:RoleValues:FullAdmin:0"] = "portal-admins",
        ["Authentication:Oidc:RoleValues:SecurityReader:0"] = "security-readers",
        ["Authentication:Oidc:RoleValues:User:0"] = "portal-users",
        ["Authentication:Oidc:MetadataRefreshInterval"] = "00:00:01",
    };

    /// <summary>A browser: its own cookies, HTTPS, no automatic redirects.</summary>
    public Browser NewBrowser()
    {
        var browser = new Browser { Provider = provider };
        browser.Client = CreateDefaultClient(new Uri("https://localhost/"), browser.Cookies);
        return browser;
    }

    /// <summary>A whole sign-in of the person <paramref name="spec"/> describes; the portal's answer to the callback.</summary>
    public async Task<HttpResponseMessage> SignInAsync(Browser browser, IdTokenSpec spec, string returnUrl = "/users")
    {
        var challenge = await browser.StartSignInAsync(returnUrl);
        return await browser.CallbackAsync(provider.IssueCode(challenge, spec), challenge.State);
    }

    public TokenDbContext Db() => Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContext();

    /// <summary>Asserts that no log line holds the client secret, a code or an id_token (or its signature).</summary>
    public void AssertLogHoldsNoSecret(params string[] codes)
    {
        var secrets = new[] { FakeProvider.ClientSecret }.Concat(codes).Concat(provider.IssuedOtherTokens)
            .Concat(provider.IssuedIdTokens).Concat(provider.IssuedIdTokens.Select(t => t.Split('.')[2]));
        foreach (var line in Log)
        {
            foreach (var secret in secrets)
            {
                Assert.False(line.Contains(secret, StringComparison.Ordinal), $"A secret was logged: {line}");
            }
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        foreach (var (key, value) in settings ?? Settings(provider))
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
        }

        builder.ConfigureLogging(logging =>
        {
            // The log levels the portal ships with (appsettings.json), and everything of the portal's own code.
            logging.AddProvider(new LogSink(Log));
            logging.AddFilter<LogSink>("AdminPortal", LogLevel.Trace);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private sealed class LogSink(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>A browser's cookie jar in front of the in-process portal; <see cref="Cookies"/> can be read and replayed.</summary>
public sealed partial class Browser : IDisposable
{
    public CookieJar Cookies { get; } = new();

    public HttpClient Client { get; set; } = null!;

    public Task<HttpResponseMessage> GetAsync(string path) =>
        Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PostAsync(string path) =>
        Client.PostAsync(new Uri(path, UriKind.Relative), null, TestContext.Current.CancellationToken);

    /// <summary>Signs out as the top bar's button does: the antiforgery token of its form on /tokens, posted to /signout.</summary>
    public async Task<HttpResponseMessage> SignOutAsync() => await PostSignOutAsync(await SignOutFormTokenAsync());

    /// <summary>The antiforgery token of the sign-out form, read from a page of the portal.</summary>
    public async Task<string> SignOutFormTokenAsync()
    {
        using var page = await GetAsync("/tokens");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return AntiforgeryField().Match(html).Groups["value"].Value;
    }

    /// <summary>Posts the sign-out form with <paramref name="token"/>, as the page's Sign out button does.</summary>
    public async Task<HttpResponseMessage> PostSignOutAsync(string token)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await Client.PostAsync(new Uri("/signout", UriKind.Relative), form, TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The browser starts a sign-in and is sent to the provider.</summary>
    public async Task<SignInChallenge> StartSignInAsync(string returnUrl = "/users")
    {
        using var response = await GetAsync($"/signin/oidc?returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Provider.ChallengeFrom(response.Headers.Location!);
    }

    /// <summary>The provider this browser signs in with.</summary>
    public FakeProvider Provider { get; init; } = null!;

    /// <summary>The provider sends the browser back with <paramref name="code"/> and <paramref name="state"/>, naming itself (RFC 9207).</summary>
    public Task<HttpResponseMessage> CallbackAsync(string code, string state) => CallbackAsync(code, state, Provider.Issuer);

    /// <summary>The browser comes back with <paramref name="code"/> and <paramref name="state"/>, and <paramref name="iss"/> unless it is null.</summary>
    public Task<HttpResponseMessage> CallbackAsync(string code, string state, string? iss) =>
        GetAsync($"/signin-oidc?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(state)}"
            + (iss is null ? "" : $"&iss={Uri.EscapeDataString(iss)}"));

    public void Dispose() => Client.Dispose();
}

/// <summary>Keeps cookies as a browser would, and shows the Set-Cookie headers it saw.</summary>
public sealed class CookieJar : DelegatingHandler
{
    public CookieContainer Container { get; } = new();

    public List<string> SetCookieHeaders { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cookies = Container.GetCookieHeader(request.RequestUri!);
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                SetCookieHeaders.Add(value);
                Container.SetCookies(request.RequestUri!, value);
            }
        }

        return response;
    }
}
