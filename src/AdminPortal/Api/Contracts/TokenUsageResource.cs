using AdminPortal.Tokens.Service;

namespace AdminPortal.Api.Contracts;

/// <summary>
/// Where and how much a token was used: the client addresses it was last accepted from (up to 10, most recently seen
/// first) and its calls per day (UTC) from <c>from</c> to <c>to</c> (today), every day present. Counts are written in
/// batches (<c>Tokens:UsageWriteInterval</c>), so the latest minute may be missing.
/// </summary>
public sealed record TokenUsageResource(
    Guid TokenId,
    int Days,
    DateOnly From,
    DateOnly To,
    long Accepted,
    long Refused,
    IReadOnlyList<AddressUsageResource> Addresses,
    IReadOnlyList<DailyCallsResource> Daily)
{
    public static TokenUsageResource Of(TokenUsageReport r) => new(
        r.TokenId, r.Days, r.From, r.To, r.Accepted, r.Refused,
        [.. r.Addresses.Select(a => new AddressUsageResource(a.Address, a.FirstSeenAt, a.LastSeenAt))],
        [.. r.Daily.Select(d => new DailyCallsResource(d.Day, d.Accepted, d.RefusedTotal, d.Refused))]);
}

/// <summary>A client address the token was accepted from: first and last accepted call from it.</summary>
public sealed record AddressUsageResource(string Address, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

/// <summary>
/// One day's calls: accepted, refused, and the refusals by reason (<c>expired</c>, <c>revoked</c>, <c>not_yet_valid</c>,
/// <c>owner_deactivated</c>, <c>insufficient_scope</c>, <c>address_not_allowed</c>, <c>rate_limited</c>; the set may grow).
/// </summary>
public sealed record DailyCallsResource(DateOnly Day, long Accepted, long Refused, IReadOnlyDictionary<string, long> RefusedByReason);
