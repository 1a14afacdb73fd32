using System.Text.Json;
using System.Text.Json.Serialization;
using AdminPortal.Tokens.Guard;

namespace AdminPortal.Api.SecretScanning;

/// <summary>
/// /secret-scanning/report: where secret scanners (GitHub's secret scanning partner program, or any that signs the same
/// way) report secrets found in public places. The body is a JSON array of <c>{token, type, url, source}</c>, signed
/// with ECDSA P-256 (headers <c>Github-Public-Key-Identifier</c> and <c>Github-Public-Key-Signature</c>). A signed report
/// revokes every live token it names and is answered with <c>[{token_hash, token_type, label}]</c>; anything not signed
/// by a configured key gets the same 401 and changes nothing; the same signed report again gets 409 and changes nothing.
/// </summary>
internal static class SecretScanningEndpoint
{
    public const string Path = "/secret-scanning/report";

    public const string KeyIdHeader = "Github-Public-Key-Identifier";

    public const string SignatureHeader = "Github-Public-Key-Signature";

    private const int MaxBodyBytes = 1 << 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapSecretScanning(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ReportAsync).DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> ReportAsync(HttpContext context, ScannerSignatures signatures, LeakedSecrets leaks, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        var body = await ReadBodyAsync(context.Request, ct);
        var headers = context.Request.Headers;
        if (body is null || !signatures.IsSigned(body, Single(headers[KeyIdHeader]), Single(headers[SignatureHeader])))
        {
            return TypedResults.Problem("The report must be signed by a key the operator configured.", statusCode: StatusCodes.Status401Unauthorized,
                title: "Invalid signature");
        }

        List<ReportedSecret>? report;
        try
        {
            report = JsonSerializer.Deserialize<List<ReportedSecret>>(body, Json);
        }
        catch (JsonException)
        {
            report = null;
        }

        if (report is null || report.Count is 0 or > LeakedSecrets.MaxSecretsPerReport)
        {
            return TypedResults.Problem($"The body must be a JSON array of 1 to {LeakedSecrets.MaxSecretsPerReport} objects {{token, type, url, source}}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid report");
        }

        if (!signatures.FirstTime(body))
        {
            return TypedResults.Problem("This report was received already; it was handled then.", statusCode: StatusCodes.Status409Conflict,
                title: "Report already received");
        }

        var verdicts = await leaks.ReportAsync(report, ct);
        return TypedResults.Json(verdicts.Select(v => new Verdict(v.TokenHash, v.TokenType, v.TruePositive ? "true_positive" : "false_positive")).ToList());
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>One answer, in the shape scanners expect.</summary>
    private sealed record Verdict(
        [property: JsonPropertyName("token_hash")] string TokenHash,
        [property: JsonPropertyName("token_type")] string? TokenType,
        [property: JsonPropertyName("label")] string Label);
}
