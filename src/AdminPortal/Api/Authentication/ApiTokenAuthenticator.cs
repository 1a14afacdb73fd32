using System.Globalization;
using System.Net;
using System.Security.Claims;
using AdminPortal.Security;
using AdminPortal.Tokens.Telemetry;
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
/// unknown, expired, not-yet-valid or revoked tokens; 403 for a token whose owner is deactivated or that is called from an
/// address outside its allow-list; 429 with Retry-After once a client address has used up its failed authentications or a
/// token its calls per minute.
/// </summary>
/// <remarks>
/// The order sheds load: first what memory can answer (a malformed header or secret, a cached answer), which costs no
/// database read, so a token the portal knows is accepted from any address, however many failures it made; then, for a
/// secret only the database can answer, the limit, counting the attempt before the read. An address over its limit thus
/// gets 429 without a database read, and the reads caused by one address's unknown secrets never exceed its allowance,
/// however many arrive at once. The one exception is a secret that belonged to a token when last read (its cached answer
/// lapsed): it is read again, uncounted, so that a valid caller sharing an address with a flood keeps working; that costs
/// at most one read per such token per <c>Tokens:VerificationCacheDuration</c>.
/// </remarks>
internal sealed class ApiTokenAuthenticator(TokenVerifier verifier, FailedAuthenticationLimiter limiter, PortalTelemetry telemetry)
{
    public ValueTask<ApiTokenOutcome> AuthenticateAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count == 0)
        {
            return default;
        }

        var remote = context.Connection.RemoteIpAddress;
        var address = ClientAddresses.Of(context) ?? "unknown";
        var secret = ApiCredentials.Read(authorization);
        if (secret is null)
        {
            return new(Failed(remote, ApiTokenRejection.Reason.MalformedHeader));
        }

        return verifier.VerifyFromMemory(secret, address, out var wasToken) is { } known
            ? new(Outcome(known, remote, null))
            : AskDatabaseAsync(secret, remote, address, wasToken, context.RequestAborted);
    }

    private async ValueTask<ApiTokenOutcome> AskDatabaseAsync(string secret, IPAddress? remote, string address, bool wasToken, CancellationToken ct)
    {
        FailureWindow? counted = null;
        if (!wasToken)
        {
            if (!limiter.TryCount(remote, out var window, out var wait))
            {
                return Refused(ApiTokenRejection.Reason.TooManyFailures, wait);
            }

            counted = window;
        }

        return Outcome(await verifier.VerifyAsync(secret, address, ct), remote, counted);
    }

    /// <summary>The outcome of a verification; <paramref name="counted"/> is the attempt counted before it, if any.</summary>
    private ApiTokenOutcome Outcome(Verification verification, IPAddress? remote, FailureWindow? counted)
    {
        switch (verification.Outcome)
        {
            case VerifyOutcome.Valid:
                Uncount(counted);
                return new ApiTokenOutcome(new ClaimsPrincipal(new TokenCaller(verification.Identity!)), null);
            case VerifyOutcome.OwnerDeactivated:
                Uncount(counted);
                return Refused(ApiTokenRejection.Reason.OwnerDeactivated);
            case VerifyOutcome.AddressNotAllowed:
                Uncount(counted);
                return Refused(ApiTokenRejection.Reason.AddressNotAllowed);
            case VerifyOutcome.RateLimited:
                Uncount(counted);
                return Refused(ApiTokenRejection.Reason.RateLimited, verification.RetryAfter);
            default:
                return counted is null ? Failed(remote, ApiTokenRejection.Reason.InvalidToken) : Refused(ApiTokenRejection.Reason.InvalidToken);
        }
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
            ApiTokenRejection.Reason.AddressNotAllowed => ApiProblems.AddressNotAllowed(),
            ApiTokenRejection.Reason.RateLimited => RateLimited(response, rejection.RetryAfter),
        };
    }

    /// <summary>A failed authentication: counted, and answered 429 instead once the address has used up its allowance.</summary>
    private ApiTokenOutcome Failed(IPAddress? remote, ApiTokenRejection.Reason why) =>
        limiter.TryCount(remote, out _, out var wait) ? Refused(why) : Refused(ApiTokenRejection.Reason.TooManyFailures, wait);

    private static void Uncount(FailureWindow? counted)
    {
        if (counted is not null)
        {
            FailedAuthenticationLimiter.Uncount(counted);
        }
    }

    /// <summary>A refusal, counted in the telemetry by reason.</summary>
    private ApiTokenOutcome Refused(ApiTokenRejection.Reason why, TimeSpan retryAfter = default)
    {
        telemetry.AuthenticationRefused(why switch
        {
            ApiTokenRejection.Reason.MalformedHeader => "malformed_header",
            ApiTokenRejection.Reason.InvalidToken => "invalid_token",
            ApiTokenRejection.Reason.OwnerDeactivated => "owner_deactivated",
            ApiTokenRejection.Reason.TooManyFailures => "too_many_failures",
            ApiTokenRejection.Reason.AddressNotAllowed => "address_not_allowed",
            ApiTokenRejection.Reason.RateLimited => "rate_limited",
        });
        return new(null, new ApiTokenRejection(why, retryAfter));
    }

    private static ProblemHttpResult Challenge(HttpResponse response, ProblemHttpResult problem, string? error)
    {
        response.Headers.WWWAuthenticate = error is null
            ? $"Bearer realm=\"{ApiTokenDefaults.Realm}\""
            : $"Bearer realm=\"{ApiTokenDefaults.Realm}\", error=\"{error}\"";
        return problem;
    }

    private static ProblemHttpResult RateLimited(HttpResponse response, TimeSpan retryAfter)
    {
        response.Headers[HeaderNames.RetryAfter] = ApiProblems.RetrySeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.RateLimited(retryAfter);
    }

    private static ProblemHttpResult TooManyFailures(HttpResponse response, TimeSpan retryAfter)
    {
        response.Headers[HeaderNames.RetryAfter] = ApiProblems.RetrySeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return ApiProblems.TooManyFailures(retryAfter);
    }
}
