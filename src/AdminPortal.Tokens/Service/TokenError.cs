namespace AdminPortal.Tokens.Service;

/// <summary>A refusal: what kind, a message fit to show a user, and the field at fault if any.</summary>
public sealed record TokenError(TokenErrorCode Code, string Message, string? Field = null)
{
    /// <summary>
    /// The name of the tenant policy that refused the operation ("Maximum lifetime: 90 days"), which
    /// <see cref="Message"/> names too; null when no policy refused it.
    /// </summary>
    public string? Policy { get; init; }

    internal static TokenError NotFound(string what = "Token") => new(TokenErrorCode.NotFound, $"{what} not found.");

    internal static TokenError Forbidden(string message) => new(TokenErrorCode.Forbidden, message);

    internal static TokenError StorageUnavailable() => new(TokenErrorCode.StorageUnavailable,
        "The change could not be saved: the database cannot be written at present (the disk may be full or read-only). Nothing was changed; try again later.");

    internal static TokenError Invalid(string field, string message) => new(TokenErrorCode.Invalid, message, field);

    /// <summary>A refusal by the tenant policy <paramref name="policy"/>: "The tenant policy '<paramref name="policy"/>' <paramref name="why"/>".</summary>
    internal static TokenError ByPolicy(TokenErrorCode code, string policy, string why, string? field = null) =>
        new(code, $"The tenant policy '{policy}' {why}", field) { Policy = policy };
}
