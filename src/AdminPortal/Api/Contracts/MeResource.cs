using AdminPortal.Tokens.Verification;

namespace AdminPortal.Api.Contracts;

/// <summary>The calling token: what it is, whose it is and what it may do now.</summary>
public sealed record MeResource(
    Guid Id,
    string Name,
    Guid OwnerId,
    string OwnerName,
    Guid TenantId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    string Status)
{
    public static MeResource From(TokenIdentity t) => new(
        t.TokenId, t.Name, t.OwnerId, t.OwnerName, t.TenantId, [.. t.EffectiveScopes.Order(StringComparer.Ordinal)],
        t.CreatedAt, t.ValidFrom, t.ValidTo, "active");
}
