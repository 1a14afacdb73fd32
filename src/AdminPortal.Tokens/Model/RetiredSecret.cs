namespace AdminPortal.Tokens.Model;

/// <summary>
/// A secret a roll replaced (table RetiredSecrets), kept by its hash: it keeps working until <see cref="GraceUntil"/>
/// (the grace period chosen at the roll; the roll's own time when none was), and a use after that is reported as a
/// possible leak. Kept for <see cref="Service.SecretReuseDetector.Retention"/> after its grace ended, then deleted;
/// deleted with its token. Never holds the secret itself.
/// </summary>
public sealed class RetiredSecret
{
    private RetiredSecret()
    {
    }

    /// <summary>Hex SHA-256 or HMAC-SHA256 of the replaced secret, as <see cref="ApiToken.SecretHash"/> was.</summary>
    public string SecretHash { get; private set; } = "";

    /// <summary>The token whose secret it was.</summary>
    public Guid TokenId { get; private set; }

    /// <summary>When the roll replaced it.</summary>
    public DateTimeOffset RetiredAt { get; private set; }

    /// <summary>Until when it still authenticates (exclusive); ended early by a revoke or the next roll.</summary>
    public DateTimeOffset GraceUntil { get; private set; }

    /// <summary>How many uses after the grace period were recorded (at most one per verifying node per minute).</summary>
    public int ReuseCount { get; private set; }

    /// <summary>The latest recorded use after the grace period.</summary>
    public DateTimeOffset? LastReusedAt { get; private set; }

    /// <summary>The client address of that use.</summary>
    public string? LastReusedFrom { get; private set; }

    internal static RetiredSecret Of(ApiToken token, DateTimeOffset at, TimeSpan grace) =>
        new() { SecretHash = token.SecretHash, TokenId = token.Id, RetiredAt = at, GraceUntil = at + grace };

    /// <summary>Whether it still authenticates at <paramref name="now"/> (its token's own validity aside).</summary>
    public bool InGraceAt(DateTimeOffset now) => GraceUntil > now;

    internal void Reused(DateTimeOffset at, string? from)
    {
        ReuseCount++;
        if (LastReusedAt is null || LastReusedAt < at)
        {
            LastReusedAt = at;
            LastReusedFrom = from is { Length: > 64 } ? from[..64] : from;
        }
    }
}
