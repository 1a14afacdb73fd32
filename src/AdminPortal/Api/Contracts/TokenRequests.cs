using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Contracts;

/// <summary>
/// POST /api/v1/tokens: a new token. Owned by the calling token's owner unless a full admin names another user of the
/// tenant in <c>ownerId</c>. Scopes must be held by the owner, by the calling token's owner and by the calling token itself.
/// </summary>
public sealed record TokenCreateRequest(
    string? Name,
    string? Description,
    IReadOnlyList<string>? Scopes,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    Guid? Id,
    Guid? OwnerId)
{
    internal TokenDraft ToDraft(IReadOnlySet<string> callerScopes) => new()
    {
        Name = Name,
        Description = Description,
        Scopes = Scopes,
        ValidFrom = ValidFrom,
        ValidTo = ValidTo,
        Id = Id,
        OwnerId = OwnerId,
        GrantableWithin = callerScopes,
    };
}

/// <summary>
/// PUT and PATCH /api/v1/tokens/{id}: the token's new name, description, scopes and validity. With PUT every field is
/// the new value (an omitted <c>validFrom</c>/<c>validTo</c> means none: from creation, never expires). With PATCH an
/// omitted or null field keeps its value.
/// </summary>
public sealed record TokenEditRequest(
    string? Name,
    string? Description,
    IReadOnlyList<string>? Scopes,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo)
{
    internal TokenDraft ToDraft(TokenView? current, IReadOnlySet<string> callerScopes) => new()
    {
        Name = Name ?? current?.Name,
        Description = Description ?? current?.Description,
        Scopes = Scopes ?? current?.Scopes,
        ValidFrom = ValidFrom ?? current?.ValidFrom,
        ValidTo = ValidTo ?? current?.ValidTo,
        GrantableWithin = callerScopes,
    };
}

/// <summary>A token just created, with its secret: the only answer that ever carries it. Store it now; it cannot be shown again.</summary>
public sealed record CreatedTokenResource(TokenResource Token, string Secret)
{
    internal static CreatedTokenResource From(CreatedToken created) => new(TokenResource.From(created.Token), created.Secret);

    /// <summary>Keeps the secret out of logs.</summary>
    public override string ToString() => $"CreatedTokenResource {{ Token = {Token.Id}, Secret = *** }}";
}
