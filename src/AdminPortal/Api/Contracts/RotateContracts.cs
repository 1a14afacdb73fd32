using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Contracts;

/// <summary>
/// POST /api/v1/tokens/{id}/rotate: how long the old secret keeps working, as an ISO 8601 duration ("PT0S" or omitted:
/// it stops at once; "PT1H", "P1D", "P7D"; at most 7 days and what the tenant's token policy allows).
/// </summary>
public sealed record TokenRotateRequest(string? Grace);

/// <summary>
/// A token whose secret was just rotated, with its new secret: the only answer that ever carries it. Store it now; it
/// cannot be shown again. <c>oldSecretValidUntil</c> says until when the replaced secret still works (null: it stopped).
/// </summary>
public sealed record RotatedTokenResource(TokenResource Token, string Secret, DateTimeOffset? OldSecretValidUntil)
{
    internal static RotatedTokenResource From(CreatedToken rolled) =>
        new(TokenResource.From(rolled.Token), rolled.Secret, rolled.Token.OldSecretValidUntil);

    /// <summary>Keeps the secret out of logs.</summary>
    public override string ToString() => $"RotatedTokenResource {{ Token = {Token.Id}, Secret = ***, OldSecretValidUntil = {OldSecretValidUntil:O} }}";
}
