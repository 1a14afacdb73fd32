using System.Security.Cryptography;
using System.Text;
using AdminPortal.Browser.Tests.Components.Pages.Tokens;

namespace AdminPortal.Browser.Tests.Secrets;

/// <summary>
/// Every flow that handles a secret or a session, run against a portal logging at Debug: no secret, no secret's hash and no
/// session cookie value reaches a log line, and no secret reaches the database file (only hashes are stored).
/// </summary>
public sealed class SecretsStayOutOfLogsTests(DebugLoggedPortal fixture, Chromium chromium) : IClassFixture<DebugLoggedPortal>
{
    [Fact]
    public async Task Create_reveal_roll_api_calls_failures_revoke_and_sign_out_log_no_secret_hash_or_cookie()
    {
        var portal = fixture.Portal;
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var cookies = (await tokens.Page.Context.CookiesAsync()).Select(c => c.Value).Where(v => v.Length >= 16).ToList();
        Assert.NotEmpty(cookies);

        var first = await tokens.CreateAsync("Leak hunt", "tokens:read", "tokens:write", "introspect");
        await tokens.ClickRowActionAsync("Leak hunt", "Roll secret of");
        await tokens.ConfirmAsync("Roll secret", "Leak hunt");
        var rolled = await tokens.ReadSecretAndCloseAsync();
        var guid = await tokens.GuidOfAsync("Leak hunt");

        var api = tokens.Page.Context.APIRequest;
        Dictionary<string, string> Bearer(string secret) => new() { ["Authorization"] = $"Bearer {secret}" };
        var statuses = new List<int>
        {
            (await api.GetAsync("/api/v1/me", new() { Headers = Bearer(rolled) })).Status,
            (await api.GetAsync("/api/v1/tokens?status=any", new() { Headers = Bearer(rolled) })).Status,
            (await api.GetAsync("/auth/verify?scope=tokens:read", new() { Headers = Bearer(rolled) })).Status,
            (await api.PostAsync("/api/v1/introspect", new() { Headers = Bearer(rolled), Form = api.CreateFormData().Set("token", rolled) })).Status,
            (await api.PostAsync("/api/v1/introspect", new() { Headers = Bearer(rolled), Form = api.CreateFormData().Set("token", first) })).Status,
            (await api.GetAsync("/api/v1/me", new() { Headers = Bearer(first) })).Status,
            (await api.GetAsync("/api/v1/me", new() { Headers = Bearer(rolled[..^1] + (rolled[^1] == 'a' ? 'b' : 'a')) })).Status,
            (await api.PostAsync($"/api/v1/tokens/{guid}/revoke", new() { Headers = Bearer(rolled) })).Status,
            (await api.GetAsync("/api/v1/me", new() { Headers = Bearer(rolled) })).Status,
        };
        await tokens.Page.SignOutAsync();
        await tokens.Page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));

        Assert.Equal([200, 200, 200, 200, 200, 401, 401, 200, 401], statuses);
        var log = portal.Output;
        Assert.Contains("dbug:", log, StringComparison.Ordinal);
        Assert.Contains(guid, log, StringComparison.Ordinal);
        foreach (var secret in new[] { first, rolled })
        {
            Assert.DoesNotContain(secret[4..24], log, StringComparison.Ordinal);
            Assert.DoesNotContain(HashOf(secret), log, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret[4..24], DatabaseText(portal.DataDirectory), StringComparison.Ordinal);
        }

        Assert.All(cookies, value => Assert.DoesNotContain(value, log, StringComparison.Ordinal));
    }

    private static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Every byte of the database's files (main file, write-ahead log, shared memory), read as Latin-1 text.</summary>
    private static string DatabaseText(string folder) => string.Concat(Directory.GetFiles(folder).Select(path =>
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return reader.ReadToEnd();
    }));
}
