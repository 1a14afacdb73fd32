using System.Text.Encodings.Web;
using AdminPortal.Tokens.Verification;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Api.Authentication;

/// <summary>
/// The API-token scheme: reads the secret from the Authorization header, verifies it with <see cref="TokenVerifier"/>
/// and builds a <see cref="TokenCaller"/>. Refusals: 401 with WWW-Authenticate for missing, malformed, unknown,
/// expired, not-yet-valid or revoked tokens; 403 for a token whose owner is deactivated; 429 with Retry-After once a
/// client address has used up its failed authentications.
/// </summary>
internal sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenVerifier verifier,
    FailedAuthenticationLimiter limiter)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var authorization = Request.Headers.Authorization;
        if (authorization.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var address = ClientAddress();
        var secret = ApiCredentials.Read(authorization);
        if (secret is null)
        {
            return Failed(address, ApiTokenRejection.Reason.MalformedHeader);
        }

        var verification = await verifier.VerifyAsync(secret, address, Context.RequestAborted);
        switch (verification.Outcome)
        {
            case VerifyOutcome.Valid:
                var principal = new System.Security.Claims.ClaimsPrincipal(new TokenCaller(verification.Identity!));
                return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
            case VerifyOutcome.OwnerDeactivated:
                return Reject(ApiTokenRejection.Reason.OwnerDeactivated);
            default:
                return Failed(address, ApiTokenRejection.Reason.InvalidToken);
        }
    }

    /// <summary>
    /// A failed authentication: counted, and answered 429 once the address has used up its allowance. The check comes
    /// after verification so that a valid token is never refused or delayed, whoever else shares its address.
    /// </summary>
    private AuthenticateResult Failed(string address, ApiTokenRejection.Reason why)
    {
        if (limiter.RetryAfter(address) is { } wait)
        {
            return Reject(ApiTokenRejection.Reason.TooManyFailures, wait);
        }

        limiter.RecordFailure(address);
        return Reject(why);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.CacheControl = "no-store";
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is not ApiTokenRejection rejection)
        {
            await Challenge(ApiProblems.MissingCredentials(), null).ExecuteAsync(Context);
            return;
        }

        var answer = rejection.Why switch
        {
            ApiTokenRejection.Reason.MalformedHeader => Challenge(ApiProblems.MalformedHeader(), "invalid_request"),
            ApiTokenRejection.Reason.InvalidToken => Challenge(ApiProblems.InvalidCredentials(), "invalid_token"),
            ApiTokenRejection.Reason.OwnerDeactivated => ApiProblems.PermissionDenied(),
            ApiTokenRejection.Reason.TooManyFailures => TooManyFailures(rejection.RetryAfter),
        };
        await answer.ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.CacheControl = "no-store";
        return ApiProblems.PermissionDenied().ExecuteAsync(Context);
    }

    private ProblemHttpResult Challenge(ProblemHttpResult problem, string? error)
    {
        Response.Headers.WWWAuthenticate = error is null
            ? $"Bearer realm=\"{ApiTokenDefaults.Realm}\""
            : $"Bearer realm=\"{ApiTokenDefaults.Realm}\", error=\"{error}\"";
        return problem;
    }

    private ProblemHttpResult TooManyFailures(TimeSpan retryAfter)
    {
        Response.Headers[HeaderNames.RetryAfter] = ApiProblems.RetrySeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiProblems.TooManyFailures(retryAfter);
    }

    private static AuthenticateResult Reject(ApiTokenRejection.Reason why, TimeSpan retryAfter = default) =>
        AuthenticateResult.Fail(new ApiTokenRejection(why, retryAfter));

    private string ClientAddress() => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
