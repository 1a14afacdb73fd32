using System.Text.Json;
using AdminPortal.Security;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AdminPortal.SignIn.Oidc;

/// <summary>
/// A failed or refused sign-in: logged with its reason (never a code, token or secret), and the person sent to a page
/// that says what happened. <see cref="RefuseAsync"/> is the one place every refusal passes through.
/// </summary>
internal static partial class OidcFailures
{
    /// <summary>The handler's failures (protocol, state, correlation, id_token): refused.</summary>
    public static async Task HandleAsync(RemoteFailureContext context)
    {
        await RefuseAsync(context.HttpContext, context.Failure, person: null);
        context.HandleResponse();
    }

    /// <summary>
    /// Logs why the sign-in was refused, records it in the audit log of the person's tenant when the portal knows the
    /// <paramref name="person"/> (a refusal before anyone is known stays in the application log), and sends the browser
    /// to the page that says so.
    /// </summary>
    public static async Task RefuseAsync(HttpContext http, Exception? failure, (string TenantKey, string SubjectId)? person)
    {
        var kind = failure switch
        {
            SignInRejectedException rejected => rejected.Failure,
            { } error when error.Data["error"] as string == "access_denied" => SignInFailure.Cancelled,
            _ => SignInFailure.Failed,
        };
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcFailures).FullName!);
        var reason = Describe(failure);
        SignInRefused(logger, kind, reason);
        if (person is var (tenantKey, subjectId))
        {
            await http.RequestServices.GetRequiredService<UserService>()
                .RecordSignInRefusedAsync(tenantKey, subjectId, reason, ClientAddresses.Of(http), CancellationToken.None);
        }

        http.Response.Redirect(kind == SignInFailure.Deactivated ? "/signin/deactivated" : $"/signin?error={kind}");
    }

    /// <summary>What went wrong, in words an operator can act on; IdentityModel's and the provider's own texts may quote a token.</summary>
    public static string Describe(Exception? failure) => failure switch
    {
        SignInRejectedException rejected => rejected.Message,
        SecurityTokenException or SecurityTokenMalformedException => $"The id_token was rejected: {TokenProblem(failure)}.",
        OpenIdConnectProtocolInvalidNonceException nonce =>
            $"The id_token was rejected: {(nonce.Message.Contains("Payload.Nonce was not null", StringComparison.Ordinal) ? "wrong nonce (none of this browser's sign-ins sent it)" : "missing nonce")}.",
        OpenIdConnectProtocolException protocol when protocol.Data["error"] is string error =>
            $"The provider answered with the error {SafeCode(error)}.",
        OpenIdConnectProtocolException protocol => $"The provider's answer was not acceptable ({protocol.GetType().Name}).",
        null => "no reason given",
        // The handler's own failures (state, correlation) are fixed texts without request data.
        _ => failure.Message,
    };

    /// <summary>The OAuth "error" code of a token endpoint answer: a short token from a fixed vocabulary, safe to log.</summary>
    public static string ProtocolError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return SafeCode(json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
        }
        catch (JsonException)
        {
            return "(not JSON)";
        }
    }

    private static string SafeCode(string? error) =>
        error is { Length: > 0 and <= 64 } && error.All(c => char.IsAsciiLetterLower(c) || c == '_') ? error : "(no standard error)";

    private static string TokenProblem(Exception exception) => exception switch
    {
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenNoExpirationException => "no expiry",
        SecurityTokenSignatureKeyNotFoundException => "bad signature (no key of the provider matches)",
        SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenInvalidAlgorithmException => "signature algorithm not allowed",
        SecurityTokenMalformedException => "malformed",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(2, LogLevel.Error, "OpenID Connect provider unavailable, sign-in not started: {Reason}")]
    public static partial void ProviderUnavailable(ILogger logger, string reason);

    [LoggerMessage(1, LogLevel.Warning, "OpenID Connect sign-in refused ({Failure}): {Reason}")]
    private static partial void SignInRefused(ILogger logger, SignInFailure failure, string reason);
}
