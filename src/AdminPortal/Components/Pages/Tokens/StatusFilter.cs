using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>The choices of the status filter: named sets of validity statuses. The default is <see cref="Usable"/>.</summary>
public enum StatusFilter
{
    /// <summary>Valid or scheduled: tokens that work now or will (the default view).</summary>
    Usable = 0,

    /// <summary>Valid: can authenticate right now.</summary>
    Active = 1,

    /// <summary>Anything but valid: scheduled, expired, revoked or suspended.</summary>
    Inactive = 2,

    Scheduled = 3,
    Expired = 4,
    Revoked = 5,
    Suspended = 6,

    /// <summary>Every status.</summary>
    All = 7,

    /// <summary>Usable and ending within the tenant's expiry notice period (7 days unless its policy says otherwise).</summary>
    ExpiringSoon = 8,
}

/// <summary>What each <see cref="StatusFilter"/> means and how it is labelled.</summary>
public static class StatusFilters
{
    /// <summary>The choices in the order the filter lists them, with their labels and what they select.</summary>
    public static readonly IReadOnlyList<(StatusFilter Value, string Label, string Hint)> Choices =
    [
        (StatusFilter.Usable, "Usable", "Active or scheduled (the default)"),
        (StatusFilter.Active, "Active", "Can authenticate now"),
        (StatusFilter.ExpiringSoon, "Expiring soon", "Usable, ending within the notice period"),
        (StatusFilter.Inactive, "Inactive", "Scheduled, expired, revoked or suspended"),
        (StatusFilter.Scheduled, "Scheduled", "Valid from a future time"),
        (StatusFilter.Expired, "Expired", "Past their valid-to time"),
        (StatusFilter.Revoked, "Revoked", "Restorable until they expire"),
        (StatusFilter.Suspended, "Suspended", "Owner deactivated"),
        (StatusFilter.All, "Any status", "Every token"),
    ];

    /// <summary>The validity statuses a choice selects; empty for every status.</summary>
    public static IReadOnlyCollection<TokenValidity> Validities(this StatusFilter filter) => filter switch
    {
        StatusFilter.Usable or StatusFilter.ExpiringSoon => TokenQuery.UsableStatuses,
        StatusFilter.Active => [TokenValidity.Valid],
        StatusFilter.Inactive => [TokenValidity.Scheduled, TokenValidity.Expired, TokenValidity.Revoked, TokenValidity.Suspended],
        StatusFilter.Scheduled => [TokenValidity.Scheduled],
        StatusFilter.Expired => [TokenValidity.Expired],
        StatusFilter.Revoked => [TokenValidity.Revoked],
        StatusFilter.Suspended => [TokenValidity.Suspended],
        StatusFilter.All => [],
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };
}
