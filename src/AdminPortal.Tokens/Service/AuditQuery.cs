using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>Filters and page of an audit listing, newest first. Every part runs in the database.</summary>
public sealed record AuditQuery
{
    /// <summary>Largest page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Only entries about this token.</summary>
    public Guid? TokenId { get; init; }

    /// <summary>Only entries of actions by this user.</summary>
    public Guid? ActorId { get; init; }

    /// <summary>Only entries at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>1-based page number.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Entries per page, 1-100.</summary>
    public int PageSize { get; init; } = 25;
}

/// <summary>One page of audit entries, newest first, and the number of all matching entries.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, int Total, int Page, int PageSize);
