using System.Globalization;
using System.Security.Claims;
using AdminPortal.Tokens.Verification;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Api.Authentication;

/// <summary>What <see cref="ApiTokenAuthenticator"/> made of a request: a caller, a refusal, or no credentials at all (both null).</summary>
internal readonly record struct ApiTokenOutcome(ClaimsPrincipal? Caller, ApiTokenRejection? Rejection);

/// <summary>
/// The one place where a request's Authorization header becomes an API caller or a refusal. The API's endpoints use it
/// through <see cref="ApiTokenEndpoints.RequireApiToken{TBuilder}"/> (the fast path: no authorization policy to evaluate);
/// the <see cref="ApiTokenDefaults.Scheme"/> authentication scheme uses it for anything protected with
/// <c>[Authorize(AuthenticationSchemes = "ApiToken")]</c>. Refusals: 401 with WWW-Authenticate for missing, malformed,
/// unknown, expired, not-yet-valid or revoked tokens; 403 for a token whose owner is deactivated; 429 with Retry-After once
/// a client address has used up its failed authentications.
/// </summary>
internal sealed class ApiTokenAuthenticator(TokenVerifier verifier, FailedAuthenticationLimiter limiter)
{
    public async ValueTask<ApiTokenOutcome> AuthenticateAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count == 0)
        {
            return default;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var secret = ApiCredentials.Read(authorization);
        if (secret is null)
        {
            return Failed(address, ApiTokenRejection.Reason.MalformedHeader);
        }

        var verification = await verifier.VerifyAsync(secret, address, context.RequestAborted);
        return verification.Outcome switch
        {
            VerifyOutcome.Valid => new ApiTokenOutcome(new ClaimsPrincipal(new TokenCaller(verification.Identity!)), null),
            VerifyOutcome.OwnerDeactivated => Refused(ApiTokenRejection.Reason.OwnerDeactivated),
            _ => Failed(address, ApiTokenRejection.Reason.InvalidToken),
        };
    }

    /// <summary>The answer to a refused request (no credentials when <paramref name="rejection"/> is null); sets its headers.</summary>
    public static IResult Refusal(HttpContext context, ApiTokenRejection? rejection)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (rejection is null)
        {
            return Challenge(response, ApiProblems.MissingCredentials(), null);
        }

        return rejection.Why switch
        {
            ApiTokenRejection.Reason.MalformedHeader => Challenge(response, ApiProblems.MalformedHeader(), "invalid_request"),
            ApiTokenRejection.Reason.InvalidToken => Challenge(response, ApiProblems.InvalidCredentials(), "invalid_token"),
            ApiTokenRejection.Reason.OwnerDeactivated => ApiProblems.PermissionDenied(),
            ApiTokenRejection.Reason.TooManyFailures => TooManyFailures(response, rejection.RetryAfter),
        };
    }

    /// <summary>
    /// A failed authentication: counted, and answered 429 once the address has used up its allowance. The check comes
    /// after verification so that a valid token is never refused or delayed, whoever else shares its address.
    /// </summary>
    private ApiTokenOutcome Failed(string address, ApiTokenRejection.Reason why)
    {
        if (limiter.RetryAfter(address) is { } wait)
        {
            return Refused(ApiTokenRejection.Reason.TooManyFailures, wait);
        }

        limiter.RecordFailure(address);
        return Refused(why);
    }

    private static ApiTokenOutcome Refused(ApiTokenRejection.Reason why, TimeSpan retryAfter = default) =>
        new(null, new ApiTokenRejection(why, retryAfter));

    private static ProblemHttpResult Challenge(HttpResponse response, ProblemHttpResult problem, string? error)
    {
        response.Headers.WWWAuthenticate = error is null
            ? $"Bearer realm=\"{ApiTokenDefaults.Realm}\""
            : $"Bearer realm=\"{ApiTokenDefaults.Realm}\", error=\"{error}\"";
        return problem;
    }

    private static ProblemHttpResult TooManyFailures(HttpResponse response, TimeSpan retryAfter)
    {
        response.Headers[HeaderNames.RetryAfter] = ApiProblems.RetrySeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.TooManyFailures(retryAfter);
    }
}
