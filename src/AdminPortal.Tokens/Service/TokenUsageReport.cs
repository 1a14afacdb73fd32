using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// Where and how much a token was used: the client addresses it was last accepted from, and its calls per day (UTC) and
/// outcome over the last <see cref="Days"/> days, today included, every day present (zero when nothing happened). What
/// the nodes recorded since their last flush (<c>Tokens:UsageWriteInterval</c>) is not in it yet.
/// </summary>
public sealed record TokenUsageReport(Guid TokenId, int Days, DateOnly From, DateOnly To, IReadOnlyList<AddressUsage> Addresses, IReadOnlyList<DailyCalls> Daily)
{
    /// <summary>The periods a report may cover, in days.</summary>
    public static readonly IReadOnlyList<int> Periods = [30, TokenDailyCalls.RetentionDays];

    /// <summary>Accepted calls in the period.</summary>
    public long Accepted => Daily.Sum(d => d.Accepted);

    /// <summary>Refused calls in the period.</summary>
    public long Refused => Daily.Sum(d => d.RefusedTotal);

    /// <summary>The refusal reasons that occur in the period (<see cref="CallOutcome"/> codes), ordered by code.</summary>
    public IReadOnlyList<string> Reasons => [.. Daily.SelectMany(d => d.Refused.Keys).Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>A client address a token was accepted from, first and last seen.</summary>
public sealed record AddressUsage(string Address, DateTimeOffset FirstSeenAt, DateTimeOffset LastSeenAt);

/// <summary>One day's calls of a token: accepted, and refused by reason (<see cref="CallOutcome"/> codes).</summary>
public sealed record DailyCalls(DateOnly Day, long Accepted, IReadOnlyDictionary<string, long> Refused)
{
    /// <summary>Refused calls that day, whatever the reason.</summary>
    public long RefusedTotal => Refused.Values.Sum();
}

/// <summary>Everything the token page shows of one token: the token, who created it, and its usage.</summary>
public sealed record TokenOverview(TokenView Token, string CreatedByName, TokenUsageReport Usage);
