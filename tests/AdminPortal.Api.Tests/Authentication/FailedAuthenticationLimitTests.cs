using AdminPortal.Api.Tests.Api;
using AdminPortal.Tokens.Secrets;

namespace AdminPortal.Api.Tests.Authentication;

/// <summary>
/// The failed-authentication limit sheds load: an address over its limit costs no database read, whatever it sends,
/// while tokens the portal already knows keep working from that address.
/// </summary>
public sealed class FailedAuthenticationLimitTests
{
    private static readonly TokenSecretFormat Secrets = new("adp");

    [Fact]
    public async Task Address_over_its_limit_gets_429_for_fresh_well_formed_secrets_without_a_database_read()
    {
        await using var host = CountingReads(("Api:FailedAuthenticationLimit", "3"));
        using var client = host.Client();
        // Counted from here: the start-up's own commands (the migrations' backfills read the tokens too) are not calls.
        var atStart = Reads(host);
        for (var i = 0; i < 3; i++)
        {
            using var failed = await SendAsync(client, Secrets.Generate());
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var readsBefore = Reads(host);
        var limited = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            limited.Add(await SendAsync(client, Secrets.Generate()));
        }

        Assert.Equal(3, readsBefore - atStart);
        Assert.Equal(0, Reads(host) - readsBefore);
        foreach (var response in limited)
        {
            await response.ProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.NotNull(response.Headers.RetryAfter?.Delta);
            response.Dispose();
        }
    }

    [Fact]
    public async Task Address_over_its_limit_may_still_use_a_valid_token_whose_cached_answer_lapsed()
    {
        await using var host = CountingReads(("Api:FailedAuthenticationLimit", "2"), ("Api:FailedAuthenticationWindow", "01:00:00"));
        var token = await host.TokenAsync(await host.UserAsync());
        using var client = host.Client();
        using (var first = await SendAsync(client, token.Secret))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        for (var i = 0; i < 3; i++)
        {
            using var failed = await SendAsync(client, Secrets.Generate());
        }

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var lapsed = await SendAsync(client, token.Secret);
        using var unknown = await SendAsync(client, Secrets.Generate());

        Assert.Equal(HttpStatusCode.OK, lapsed.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, unknown.StatusCode);
    }

    /// <summary>A host that logs every SQL command, so that the reads can be counted.</summary>
    private static ApiHost CountingReads(params (string Key, string Value)[] settings) =>
        ApiHost.WithSettings([.. settings, ("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information")]);

    /// <summary>
    /// Queries of the token table (verification's only query) logged so far: EF Core's, which name the table with an alias
    /// (<c>FROM "Tokens" AS "t"</c> on SQLite, <c>AS t</c> on PostgreSQL), not the migrations run at start, which read it
    /// too (a copy into another table: <c>INSERT INTO ... FROM "Tokens" AS t</c>).
    /// </summary>
    private static int Reads(ApiHost host) =>
        host.Logs.Lines.Count(l => l.Contains("Executed DbCommand", StringComparison.Ordinal) && l.Contains("FROM \"Tokens\" AS ", StringComparison.Ordinal)
            && !l.Contains("INSERT INTO", StringComparison.Ordinal));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
