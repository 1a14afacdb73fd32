namespace AdminPortal.Api.Authentication;

/// <summary>Why the API-token scheme refused a request; decides the challenge's answer.</summary>
internal sealed class ApiTokenRejection(ApiTokenRejection.Reason why, TimeSpan retryAfter = default) : Exception(why.ToString())
{
    internal enum Reason
    {
        /// <summary>The Authorization header is not "Bearer x" or "Token x".</summary>
        MalformedHeader,

        /// <summary>Malformed, unknown, expired, not yet valid or revoked: one answer for all.</summary>
        InvalidToken,

        /// <summary>A valid token whose owner is deactivated.</summary>
        OwnerDeactivated,

        /// <summary>The client address used up its failed authentications.</summary>
        TooManyFailures,

        /// <summary>A valid token called from an address outside its allow-list.</summary>
        AddressNotAllowed,

        /// <summary>A valid token over its calls per minute.</summary>
        RateLimited,
    }

    public Reason Why { get; } = why;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
