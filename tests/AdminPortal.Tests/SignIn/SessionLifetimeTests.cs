using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.SignIn;

/// <summary>The absolute session lifetime (Authentication:Session:AbsoluteLifetime) holds for the demo sign-in too.</summary>
public sealed partial class SessionLifetimeTests
{
    [Fact]
    public async Task Demo_sign_in_session_ends_at_the_absolute_lifetime_however_active_and_never_asks_a_provider()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var portal = await OidcPortal.StartAsync("Development", _ => new Dictionary<string, string?>
        {
            ["Authentication:Session:AbsoluteLifetime"] = "02:00:00",
        }, clock);
        using var browser = portal.NewBrowser();
        using var signInPage = await browser.GetAsync("/signin");
        var token = AntiforgeryField().Match(await signInPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["subject"] = "demo-admin" });
        using var signIn = await browser.Client.PostAsync(new Uri("/signin/dev", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        for (var step = 0; step < 3; step++)
        {
            clock.Advance(TimeSpan.FromMinutes(35));
            using var page = await browser.GetAsync("/users");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        clock.Advance(TimeSpan.FromMinutes(20));
        using var ended = await browser.GetAsync("/users");

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.StartsWith("/signin", ended.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(portal.Provider.TokenRequests);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
