using System.Text.RegularExpressions;
using AdminPortal.Api.Tests.Crash;
using AdminPortal.Testing;

namespace AdminPortal.Api.Tests.Security;

/// <summary>
/// The keys that protect session cookies live in the portal's database: a restart, or another node on the same
/// database, accepts the cookie of the first. Each process gets a fresh home folder, as each container would, so that
/// nothing but the database is shared.
/// </summary>
public sealed partial class SessionKeysTests
{
    [Fact]
    public async Task Second_node_and_a_restarted_portal_on_the_same_database_accept_the_first_ones_session_cookie()
    {
        // The database (and the folder, which is all SQLite needs) are shared, nothing else; each node gets its own folder on
        // PostgreSQL.
        var data = Directory.CreateTempSubdirectory("adminportal-keys-").FullName;
        await using var database = new ApiHost();
        try
        {
            string cookie;
            await using (var first = await PortalProcess.StartAsync(Folder(database, data), "Development", FreshHome(database)))
            {
                cookie = await SignInAsync(first);
                Assert.Equal(HttpStatusCode.OK, await TokensPageAsync(first, cookie));

                await using var second = await PortalProcess.StartAsync(Folder(database, data), "Development", FreshHome(database));
                Assert.Equal(HttpStatusCode.OK, await TokensPageAsync(second, cookie));
            }

            await using var restarted = await PortalProcess.StartAsync(Folder(database, data), "Development", FreshHome(database));
            Assert.Equal(HttpStatusCode.OK, await TokensPageAsync(restarted, cookie));
            Assert.Equal(HttpStatusCode.Redirect, await TokensPageAsync(restarted, "adminportal.session=forged"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>The data folder of a node: the shared one on SQLite (it holds the database), a fresh one on PostgreSQL.</summary>
    private static string Folder(ApiHost database, string shared) =>
        database.Engine == Tokens.Options.DatabaseProvider.Sqlite ? shared : Directory.CreateTempSubdirectory("adminportal-keys-").FullName;

    /// <summary>A fresh home folder, and the settings of <paramref name="database"/> (a host never started: only its database is used).</summary>
    private static Dictionary<string, string> FreshHome(ApiHost database) =>
        new(database.StoreSettings) { ["HOME"] = Directory.CreateTempSubdirectory("adminportal-home-").FullName };

    /// <summary>Signs in as the demo admin through the development sign-in form; returns the Cookie header of the session.</summary>
    private static async Task<string> SignInAsync(PortalServer portal)
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups["value"].Value,
            ["subject"] = "demo-admin",
            ["returnUrl"] = "/tokens",
        });
        using var signIn = await client.PostAsync(new Uri("/signin/dev", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = jar.GetCookies(portal.BaseAddress).Where(c => c.Name.StartsWith("adminportal.session", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(session);
        return string.Join("; ", session.Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>GET /tokens with only <paramref name="cookie"/>: 200 while the session is accepted, a redirect to sign-in otherwise.</summary>
    private static async Task<HttpStatusCode> TokensPageAsync(PortalServer portal, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/tokens", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
