using System.Text.RegularExpressions;
using AdminPortal.Tests.Components.Pages.SignIn;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminPortal.Tests.Security;

/// <summary>Every cookie-authenticated form post checks its antiforgery token on the server; a refused post changes nothing.</summary>
public sealed partial class AntiforgeryTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> BadTokens => new() { "none", "garbage", "another browser's" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Sign_out_without_a_valid_token_is_refused_and_the_session_lives_on(string token)
    {
        var client = await portal.SignedInClientAsync("demo-user");

        using var signOut = await client.PostAsync(new Uri("/signout", UriKind.Relative), await FormAsync(token), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.False(signOut.Headers.Contains("Set-Cookie"));
        var (status, html) = await client.GetPageAsync("/tokens");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Uma User", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_with_the_token_of_its_form_ends_the_session()
    {
        var client = await portal.SignedInClientAsync("demo-user");
        var (_, html) = await client.GetPageAsync("/tokens");

        using var signOut = await client.PostAsync(new Uri("/signout", UriKind.Relative), Form(TokenIn(html)), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/signin?signedOut=true", signOut.Headers.Location!.OriginalString);
        var (status, _) = await client.GetPageAsync("/tokens");
        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Development_sign_in_without_a_valid_token_is_refused_and_signs_nobody_in(string token)
    {
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // The browser has the antiforgery cookie of the sign-in page it came from.
        await client.GetPageAsync("/signin");
        var form = await FormAsync(token, ("subject", "demo-admin"), ("returnUrl", "/tokens"));

        using var signIn = await client.PostAsync(new Uri("/signin/dev", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
        Assert.DoesNotContain(SetCookies(signIn), c => c.StartsWith("adminportal.session", StringComparison.Ordinal));
        var (status, _) = await client.GetPageAsync("/tokens");
        Assert.Equal(HttpStatusCode.Redirect, status);
    }

    [Fact]
    public async Task Form_post_to_a_page_without_a_token_is_refused()
    {
        var client = await portal.SignedInClientAsync("demo-admin");

        using var post = await client.PostAsync(new Uri("/tokens", UriKind.Relative), Form(null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    /// <summary>A form with the antiforgery field as <paramref name="kind"/> says: none, garbage, or a valid token of another browser.</summary>
    private async Task<FormUrlEncodedContent> FormAsync(string kind, params (string Name, string Value)[] fields) => kind switch
    {
        "none" => Form(null, fields),
        "garbage" => Form("CfDJ8Agarbage-not-a-token", fields),
        _ => Form(TokenIn((await (await portal.SignedInClientAsync("demo-admin")).GetPageAsync("/tokens")).Html), fields),
    };

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        if (token is not null)
        {
            values["__RequestVerificationToken"] = token;
        }

        return new FormUrlEncodedContent(values);
    }

    private static string TokenIn(string html) =>
        AntiforgeryField().Match(html) is { Success: true } match ? match.Groups["value"].Value : throw new InvalidOperationException("No antiforgery field on the page.");

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
