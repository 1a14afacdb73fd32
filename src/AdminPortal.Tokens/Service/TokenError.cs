namespace AdminPortal.Tokens.Service;

/// <summary>A refusal: what kind, a message fit to show a user, and the field at fault if any.</summary>
public sealed record TokenError(TokenErrorCode Code, string Message, string? Field = null)
{
    internal static TokenError NotFound(string what = "Token") => new(TokenErrorCode.NotFound, $"{what} not found.");

    internal static TokenError Forbidden(string message) => new(TokenErrorCode.Forbidden, message);

    internal static TokenError StorageUnavailable() => new(TokenErrorCode.StorageUnavailable,
        "The change could not be saved: the database cannot be written at present (the disk may be full or read-only). Nothing was changed; try again later.");

    internal static TokenError Invalid(string field, string message) => new(TokenErrorCode.Invalid, message, field);
}
