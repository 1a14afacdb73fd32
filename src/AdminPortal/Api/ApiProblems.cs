using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Api;

/// <summary>
/// Every error answer of the API, as application/problem+json. Each says what the client can act on and nothing
/// more: no answer tells an unknown token from an expired or revoked one.
/// </summary>
internal static class ApiProblems
{
    /// <summary>The problem type of a 503 caused by storage that cannot be written.</summary>
    public const string StorageUnavailableType = "urn:adminportal:problem:storage-unavailable";

    /// <summary>The problem type of a 403 for a token called from an address outside its allow-list.</summary>
    public const string AddressNotAllowedType = "urn:adminportal:problem:address-not-allowed";

    /// <summary>The problem type of a 429 for a token over its calls per minute.</summary>
    public const string RateLimitedType = "urn:adminportal:problem:rate-limited";
    /// <summary>
    /// The problem type of a refusal by the tenant policy (a maximum lifetime, required expiry, only admins create
    /// tokens, the most usable tokens per person, the scopes of a role); the member "policy" names the policy, and the
    /// status is the one the refusal would have without a policy (400, 403 or 409).
    /// </summary>
    public const string PolicyRefusedType = "urn:adminportal:problem:policy-refused";

    private const int StorageRetrySeconds = 30;

    public static ProblemHttpResult MissingCredentials() =>
        Problem(StatusCodes.Status401Unauthorized, "Authentication required", "Send an API token: 'Authorization: Bearer <token>'.");

    public static ProblemHttpResult InvalidCredentials() =>
        Problem(StatusCodes.Status401Unauthorized, "Invalid token", "The API token is not valid: it is malformed, unknown, expired, not yet valid or revoked.");

    public static ProblemHttpResult MalformedHeader() =>
        Problem(StatusCodes.Status401Unauthorized, "Invalid authorization header", "Use 'Authorization: Bearer <token>' (or 'Token <token>') with a single token.");

    public static ProblemHttpResult PermissionDenied() =>
        Problem(StatusCodes.Status403Forbidden, "Permission denied", "This token may not be used at present.");

    public static ProblemHttpResult MissingScope(string scope) =>
        Problem(StatusCodes.Status403Forbidden, "Missing scope", $"This call needs the scope '{scope}', which the token does not hold.");

    public static ProblemHttpResult TooManyFailures(TimeSpan retryAfter) =>
        Problem(StatusCodes.Status429TooManyRequests, "Too many failed authentications",
            $"Too many failed authentications from this address. Try again in {RetrySeconds(retryAfter)} seconds.");

    /// <summary>403: the token's allow-list does not include the caller's address (the list itself is never shown).</summary>
    public static ProblemHttpResult AddressNotAllowed() =>
        TypedResults.Problem("This token may not be used from this client address.", statusCode: StatusCodes.Status403Forbidden,
            title: "Address not allowed", type: AddressNotAllowedType);

    /// <summary>429: the token made its calls for the minute (counted on the node that answered).</summary>
    public static ProblemHttpResult RateLimited(TimeSpan retryAfter) =>
        TypedResults.Problem($"This token has made the calls per minute it is allowed. Try again in {RetrySeconds(retryAfter)} seconds.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Rate limit reached", type: RateLimitedType);

    public static ProblemHttpResult NotFound() =>
        Problem(StatusCodes.Status404NotFound, "Not found", "There is no such resource.");

    public static ProblemHttpResult PreconditionRequired() =>
        Problem(StatusCodes.Status428PreconditionRequired, "Precondition required",
            "Send the token's ETag (from GET /api/v1/tokens/{id}) in If-Match, for example If-Match: \"3\", so that an edit cannot overwrite a change you have not seen.");

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        Problem(StatusCodes.Status412PreconditionFailed, "Precondition failed", detail);

    public static ProblemHttpResult Unexpected() =>
        Problem(StatusCodes.Status500InternalServerError, "Unexpected error", "The request could not be completed. Try again later.");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Invalid request", detail: "One or more parameters are invalid.");

    /// <summary>The answer to a refusal of the token service; a refusal by the tenant policy has <see cref="PolicyRefusedType"/> and names it.</summary>
    public static IResult From(TokenError error)
    {
        if (error.Policy is { } policy)
        {
            return ByPolicy(error, policy);
        }

        return error.Code switch
        {
            TokenErrorCode.Invalid or TokenErrorCode.ScopeUnknown or TokenErrorCode.ScopeNotHeld =>
                Invalid(new Dictionary<string, string[]> { [error.Field ?? "request"] = [error.Message] }),
            TokenErrorCode.NotFound => Problem(StatusCodes.Status404NotFound, "Not found", error.Message),
            TokenErrorCode.Forbidden => Problem(StatusCodes.Status403Forbidden, "Permission denied", error.Message),
            TokenErrorCode.NameTaken or TokenErrorCode.GuidTaken or TokenErrorCode.LimitReached or TokenErrorCode.Conflict or TokenErrorCode.InvalidState =>
                Problem(StatusCodes.Status409Conflict, "Conflict", error.Message),
            TokenErrorCode.StorageUnavailable => StorageUnavailable(error.Message),
        };
    }

    private static IResult ByPolicy(TokenError error, string policy)
    {
        const string title = "Refused by the tenant policy";
        var extensions = new Dictionary<string, object?> { ["policy"] = policy };
        return error.Code switch
        {
            TokenErrorCode.Invalid or TokenErrorCode.ScopeUnknown or TokenErrorCode.ScopeNotHeld => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [error.Field ?? "request"] = [error.Message] }, error.Message, title: title, type: PolicyRefusedType, extensions: extensions),
            TokenErrorCode.Forbidden => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status403Forbidden, title: title, type: PolicyRefusedType, extensions: extensions),
            _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status409Conflict, title: title, type: PolicyRefusedType, extensions: extensions),
        };
    }

    /// <summary>
    /// 503 with <see cref="StorageUnavailableType"/> and Retry-After: the store cannot be written (disk full, read-only);
    /// nothing was changed, and the same call may succeed once an operator has fixed the disk.
    /// </summary>
    public static IResult StorageUnavailable(string detail = "The database cannot be written at present. Nothing was changed; try again later.") =>
        new RetryLater(TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable", type: StorageUnavailableType),
            StorageRetrySeconds);

    /// <summary>Whole seconds for Retry-After, rounded up.</summary>
    public static int RetrySeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}

/// <summary>A problem answer with a Retry-After header.</summary>
internal sealed class RetryLater(ProblemHttpResult problem, int seconds) : IResult
{
    public ProblemHttpResult Problem => problem;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}
