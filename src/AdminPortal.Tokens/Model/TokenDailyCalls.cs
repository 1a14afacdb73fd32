namespace AdminPortal.Tokens.Model;

/// <summary>
/// How many calls of one token had one outcome on one day (UTC) (table <c>TokenDailyCalls</c>): a counter, never a row per
/// call. Every node adds its batched counts to it (an upsert that adds), so counts from several nodes sum up.
/// Rows older than <see cref="RetentionDays"/> days are removed.
/// </summary>
public sealed class TokenDailyCalls
{
    /// <summary>The table's name.</summary>
    public const string Table = "TokenDailyCalls";

    /// <summary>Days kept, today included.</summary>
    public const int RetentionDays = 90;

    /// <summary>The token.</summary>
    public Guid TokenId { get; set; }

    /// <summary>The day, in UTC.</summary>
    public DateOnly Day { get; set; }

    /// <summary>The outcome's code (<see cref="CallOutcome"/>): <c>accepted</c>, or the reason of a refusal.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Calls with this outcome that day.</summary>
    public long Calls { get; set; }
}
