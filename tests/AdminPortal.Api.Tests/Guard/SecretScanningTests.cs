using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdminPortal.Api.Tests.Api;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Tests.Guard;

/// <summary>The portal with one configured scanner key, shared by the tests of the scanner endpoint.</summary>
public sealed class ScanningHost : IAsyncDisposable
{
    public const string KeyId = "90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a";

    public ScanningHost()
    {
        Host = ApiHost.WithSettings(("SecretScanning:Keys:0:Id", KeyId), ("SecretScanning:Keys:0:PublicKey", Key.ExportSubjectPublicKeyInfoPem()));
    }

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public ApiHost Host { get; }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Key.Dispose();
    }
}

public sealed class SecretScanningTests(ScanningHost scanning) : IClassFixture<ScanningHost>
{
    private ApiHost Host => scanning.Host;

    [Fact]
    public async Task A_signed_report_revokes_a_live_token_audits_where_it_was_found_and_answers_true_positive()
    {
        var owner = await Host.UserAsync();
        var token = await Host.TokenAsync(owner);
        var body = Report((token.Secret, "https://github.com/octocat/hello/blob/main/.env"));

        using var response = await SendAsync(body, Sign(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdicts = await VerdictsAsync(response);
        Assert.Equal([(Sha256(token.Secret), "adminportal_api_token", "true_positive")], verdicts);
        Assert.Equal(TokenValidity.Revoked, (await ViewAsync(owner, token)).Validity);
        using var call = await Host.Client(token.Secret).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        var audit = (await Host.Audit.QueryAsync(owner.Id, new AdminPortal.Tokens.Audit.AuditQuery())).Value!.Items
            .Single(a => a.TokenId == token.Token.Id && a.Action == AuditAction.TokenRevoked);
        Assert.Equal("Secret scanning report", audit.ActorName);
        Assert.Contains("reported leaked at https://github.com/octocat/hello/blob/main/.env (content)", audit.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_badly_signed_report_gets_401_and_changes_nothing()
    {
        var owner = await Host.UserAsync();
        var token = await Host.TokenAsync(owner);
        var body = Report((token.Secret, "https://example.org/x"));
        var signature = Sign(Report((token.Secret, "https://example.org/other")));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var answers = new List<HttpResponseMessage>
        {
            await SendAsync(body, signature),
            await SendAsync(body, Convert.ToBase64String(other.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))),
            await SendAsync(body, "not base64!"),
            await SendAsync(body, null),
        };

        foreach (var answer in answers)
        {
            var problem = await answer.ProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Invalid signature", problem.Text("title"));
            Assert.DoesNotContain(token.Secret, problem.GetRawText(), StringComparison.Ordinal);
            answer.Dispose();
        }

        Assert.Equal(TokenValidity.Valid, (await ViewAsync(owner, token)).Validity);
    }

    [Fact]
    public async Task A_report_signed_with_an_unknown_key_id_gets_401_and_changes_nothing()
    {
        var owner = await Host.UserAsync();
        var token = await Host.TokenAsync(owner);
        var body = Report((token.Secret, "https://example.org/x"));

        using var response = await SendAsync(body, Sign(body), keyId: "f9525bf080f75b3506ca1ead061add62b8633a346606dc5fe544e29231c6ee0d");

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(TokenValidity.Valid, (await ViewAsync(owner, token)).Validity);
    }

    [Fact]
    public async Task The_same_signed_report_sent_again_gets_409_and_changes_nothing()
    {
        var owner = await Host.UserAsync();
        var token = await Host.TokenAsync(owner);
        var body = Report((token.Secret, "https://example.org/replayed"));
        using var first = await SendAsync(body, Sign(body));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        TokenWorldOk(await Host.Tokens.RestoreAsync(owner.Id, token.Token.Id));

        using var replay = await SendAsync(body, Sign(body));

        await replay.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(TokenValidity.Valid, (await ViewAsync(owner, token)).Validity);
    }

    [Fact]
    public async Task Secrets_that_are_no_token_are_false_positives()
    {
        var unknown = new TokenSecretFormat("adp").Generate();
        var body = Report((unknown, "https://example.org/a"), ("adp_notevenclose", "https://example.org/b"));

        using var response = await SendAsync(body, Sign(body));

        Assert.Equal(
            [(Sha256(unknown), "adminportal_api_token", "false_positive"), (Sha256("adp_notevenclose"), "adminportal_api_token", "false_positive")],
            await VerdictsAsync(response));
    }

    [Fact]
    public async Task A_mixture_of_live_revoked_unknown_and_malformed_secrets_is_answered_one_by_one()
    {
        var owner = await Host.UserAsync();
        var live = await Host.TokenAsync(owner);
        var revoked = await Host.TokenAsync(owner);
        TokenWorldOk(await Host.Tokens.RevokeAsync(owner.Id, revoked.Token.Id));
        var unknown = new TokenSecretFormat("adp").Generate();
        var malformed = live.Secret[..^1] + (live.Secret[^1] == 'A' ? 'B' : 'A');
        var body = Report((live.Secret, "https://example.org/1"), (revoked.Secret, "https://example.org/2"), (unknown, "https://example.org/3"), (malformed, "https://example.org/4"));

        using var response = await SendAsync(body, Sign(body));

        Assert.Equal(["true_positive", "true_positive", "false_positive", "false_positive"], (await VerdictsAsync(response)).Select(v => v.Label));
        Assert.Equal(TokenValidity.Revoked, (await ViewAsync(owner, live)).Validity);
        var revocations = (await Host.Audit.QueryAsync(owner.Id, new AdminPortal.Tokens.Audit.AuditQuery())).Value!.Items
            .Where(a => a.Action == AuditAction.TokenRevoked && (a.TokenId == live.Token.Id || a.TokenId == revoked.Token.Id)).ToList();
        Assert.Equal(2, revocations.Count);
        Assert.Single(revocations, a => a.ActorName == "Secret scanning report" && a.TokenId == live.Token.Id);
    }

    private async Task<TokenView> ViewAsync(PortalUser owner, CreatedToken token) => (await Host.Tokens.GetAsync(owner.Id, token.Token.Id)).Value!;

    private static void TokenWorldOk<T>(Result<T> result) => Assert.True(result.Succeeded, result.Error?.Message);

    private static byte[] Report(params (string Token, string Url)[] secrets) =>
        JsonSerializer.SerializeToUtf8Bytes(secrets.Select(s => new { token = s.Token, type = "adminportal_api_token", url = s.Url, source = "content" }));

    private string Sign(byte[] body) => Convert.ToBase64String(scanning.Key.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    private async Task<HttpResponseMessage> SendAsync(byte[] body, string? signature, string keyId = ScanningHost.KeyId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/secret-scanning/report") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("Github-Public-Key-Identifier", keyId);
        if (signature is not null)
        {
            request.Headers.Add("Github-Public-Key-Signature", signature);
        }

        return await Host.Client().SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static async Task<List<(string Hash, string Type, string Label)>> VerdictsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return [.. json.EnumerateArray().Select(v => (v.Text("token_hash"), v.Text("token_type"), v.Text("label")))];
    }

    private static string Sha256(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
