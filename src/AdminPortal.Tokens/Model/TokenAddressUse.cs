namespace AdminPortal.Tokens.Model;

/// <summary>
/// A client address a token was accepted from (table <c>TokenAddresses</c>): when it was first and last seen. A token keeps
/// its <see cref="MaxPerToken"/> most recently seen addresses; the usage writer drops older ones as it writes.
/// </summary>
public sealed class TokenAddressUse
{
    /// <summary>The table's name.</summary>
    public const string Table = "TokenAddresses";

    /// <summary>How many distinct addresses a token keeps.</summary>
    public const int MaxPerToken = 10;

    /// <summary>Longest address kept (longer ones are cut).</summary>
    public const int MaxAddressLength = 64;

    /// <summary>The token.</summary>
    public Guid TokenId { get; set; }

    /// <summary>The client address, as the portal determined it.</summary>
    public string Address { get; set; } = "";

    /// <summary>First accepted call from it (since it was last dropped from the token's list).</summary>
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>Latest accepted call from it.</summary>
    public DateTimeOffset LastSeenAt { get; set; }
}
