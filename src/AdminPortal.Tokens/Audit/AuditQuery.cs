using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Audit;

/// <summary>Filters and page of the audit log; newest first, paged in the database.</summary>
public sealed record AuditQuery
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Counts stop here: a larger total is reported as "more than this" (<see cref="AuditPage.TotalIsLowerBound"/>).</summary>
    public const int CountLimit = 10_000;

    /// <summary>Only entries about this token.</summary>
    public Guid? TokenId { get; init; }

    /// <summary>Only entries by this user.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>Only entries at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>1-based page number; page numbers reach the first <see cref="CountLimit"/> entries (further: <see cref="After"/>).</summary>
    public int Page { get; init; } = 1;

    /// <summary>
    /// A keyset cursor (<see cref="AuditPage.Next"/> of the previous page, same filters): the page right after that page's
    /// last entry, sought through the log's time index however deep it is. <see cref="Page"/> must then be 1.
    /// </summary>
    public string? After { get; init; }

    /// <summary>Entries per page, 1-100.</summary>
    public int PageSize { get; init; } = 50;
}

/// <summary>One audit entry as callers see it; <c>ClientAddress</c> is set for sign-in events.</summary>
public sealed record AuditView(
    long Id, DateTimeOffset At, Guid ActorId, string ActorName, AuditAction Action, Guid? TokenId, Guid? TargetUserId, string Summary, string? ClientAddress = null);

/// <summary>One page of the audit log and the number of all matching entries, exact up to <see cref="AuditQuery.CountLimit"/>.</summary>
public sealed record AuditPage(IReadOnlyList<AuditView> Items, int Total, int Page, int PageSize)
{
    /// <summary>Whether more entries match than <see cref="Total"/>.</summary>
    public bool TotalIsLowerBound { get; init; }

    /// <summary>The keyset cursor of the page after this one (<see cref="AuditQuery.After"/>); null on the last page.</summary>
    public string? Next { get; init; }
}
