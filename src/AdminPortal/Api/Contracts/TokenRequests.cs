using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Contracts;

/// <summary>
/// POST /api/v1/tokens: a new token. Owned by the calling token's owner unless a full admin names another user of the
/// tenant in <c>ownerId</c>. Scopes must be held by the owner, by the calling token's owner and by the calling token itself.
/// </summary>
public sealed record TokenCreateRequest
{
    /// <summary>Name, 1-100 characters, unique per owner ignoring case.</summary>
    public string? Name { get; init; }

    /// <summary>Description, up to 500 characters.</summary>
    public string? Description { get; init; }

    /// <summary>At least one scope.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Start of validity; omitted: from creation.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>End of validity; omitted: never expires.</summary>
    public DateTimeOffset? ValidTo { get; init; }

    /// <summary>A GUID chosen by the client (never used before); omitted: the portal chooses.</summary>
    public Guid? Id { get; init; }

    /// <summary>Full admins: the user of the tenant who will own the token; omitted: the calling token's owner.</summary>
    public Guid? OwnerId { get; init; }

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
public sealed record TokenEditRequest
{
    /// <summary>Name, 1-100 characters, unique per owner ignoring case.</summary>
    public string? Name { get; init; }

    /// <summary>Description, up to 500 characters.</summary>
    public string? Description { get; init; }

    /// <summary>At least one scope; scopes being added must be held.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>Start of validity.</summary>
    public DateTimeOffset? ValidFrom { get; init; }

    /// <summary>End of validity.</summary>
    public DateTimeOffset? ValidTo { get; init; }

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
