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
        using var response = await client.PostSignInAsync(subject, "/tokens");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Posts the sign-in form of the demo user with <paramref name="subject"/> with this return address, as the page would.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(this HttpClient client, string subject, string returnUrl, IDictionary<string, string>? headers = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative), ct);
        var token = AntiforgeryField().Match(form).Groups["value"].Value;

        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["subject"] = subject,
            ["returnUrl"] = returnUrl,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/signin/dev", UriKind.Relative)) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await client.SendAsync(request, ct);
    }

    /// <summary>Signs out with the form of the top bar (its antiforgery token taken from the token page), as the button would.</summary>
    public static async Task<HttpResponseMessage> PostSignOutAsync(this HttpClient client)
    {
        var (_, html) = await client.GetPageAsync("/tokens");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(html).Groups["value"].Value,
        });
        return await client.PostAsync(new Uri("/signout", UriKind.Relative), content, TestContext.Current.CancellationToken);
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
