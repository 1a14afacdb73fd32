using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminPortal.Tests.Components.Pages.SignIn;

/// <summary>Signs in through the real development sign-in form (antiforgery included), as a browser would.</summary>
internal static partial class DevelopmentSignInClient
{
    /// <summary>A client (cookies kept, redirects not followed) signed in as the demo user with <paramref name="subject"/>.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalFactory portal, string subject)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var ct = TestContext.Current.CancellationToken;
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative), ct);
        var token = AntiforgeryField().Match(form).Groups["value"].Value;

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["subject"] = subject,
            ["returnUrl"] = "/tokens",
        });
        using var response = await client.PostAsync(new Uri("/signin/dev", UriKind.Relative), content, ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>GETs <paramref name="path"/> without following redirects: the status and the page.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> GetPageAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
