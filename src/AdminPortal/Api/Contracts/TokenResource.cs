using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Contracts;

/// <summary>A token as the API shows it: never its secret or hash.</summary>
public sealed record TokenResource(
    Guid Id,
    string Name,
    string Description,
    IReadOnlyList<string> Scopes,
    Guid OwnerId,
    string OwnerName,
    Guid TenantId,
    Guid CreatedById,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string? LastUsedFrom,
    string Validity,
    string Usage,
    bool IsActive,
    int Version,
    IReadOnlyList<string>? AllowedAddresses = null,
    int? RateLimitPerMinute = null)
{
    /// <summary>Until when the secret replaced by the last rotation still works (its grace period); null when none does.</summary>
    public DateTimeOffset? OldSecretValidUntil { get; init; }

    public static TokenResource From(TokenView t) => new(
        t.Id, t.Name, t.Description, t.Scopes, t.OwnerId, t.OwnerName, t.TenantId, t.CreatedById, t.CreatedAt,
        t.ValidFrom, t.ValidTo, t.RevokedAt, t.LastUsedAt, t.LastUsedFrom, t.Validity.ToString(), t.Usage.ToString(), t.IsActive, t.Version,
        t.AllowedAddresses, t.RateLimitPerMinute)
    {
        OldSecretValidUntil = t.OldSecretValidUntil,
    };
}

/// <summary>
/// One page of tokens and the number of all that match, exact up to 1,000 (up to 10,000 for a page beyond the first
/// 1,000 matches): above, <c>total</c> is that limit and <c>totalIsLowerBound</c> is true. <c>next</c> is the cursor of the following page (pass it as <c>after</c>), null on the last.
/// </summary>
public sealed record TokenPageResource(IReadOnlyList<TokenResource> Items, int Total, int Page, int PageSize, bool TotalIsLowerBound, string? Next)
{
    public static TokenPageResource From(TokenPage page) =>
        new([.. page.Items.Select(TokenResource.From)], page.Total, page.Page, page.PageSize, page.TotalIsLowerBound, page.Next);
}
