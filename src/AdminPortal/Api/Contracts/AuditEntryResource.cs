using AdminPortal.Tokens.Audit;

namespace AdminPortal.Api.Contracts;

/// <summary>
/// One audited management action or sign-in event. Action is the name of an AuditAction: TokenCreated, TokenEdited,
/// TokenRevoked, TokenRestored, TokenRolled, TokenDeleted, UserDeactivated, UserReactivated, SignedIn, SignedOut or
/// SignInRefused. ClientAddress: for sign-in events, the address the browser came from as the portal saw it; otherwise null.
/// </summary>
public sealed record AuditEntryResource(
    long Id, DateTimeOffset At, Guid ActorId, string ActorName, string Action, Guid? TokenId, Guid? TargetUserId, string Summary, string? ClientAddress)
{
    public static AuditEntryResource From(AuditView e) =>
        new(e.Id, e.At, e.ActorId, e.ActorName, e.Action.ToString(), e.TokenId, e.TargetUserId, e.Summary, e.ClientAddress);
}

/// <summary>
/// One page of the audit log, newest first, and the number of all entries that match (exact up to 10,000, see
/// <c>totalIsLowerBound</c>). Next: the cursor of the following page (pass it as <c>after</c>), null on the last page.
/// </summary>
public sealed record AuditPageResource(IReadOnlyList<AuditEntryResource> Items, int Total, int Page, int PageSize, bool TotalIsLowerBound, string? Next)
{
    public static AuditPageResource From(AuditPage page) =>
        new([.. page.Items.Select(AuditEntryResource.From)], page.Total, page.Page, page.PageSize, page.TotalIsLowerBound, page.Next);
}
