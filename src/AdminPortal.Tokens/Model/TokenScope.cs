namespace AdminPortal.Tokens.Model;

/// <summary>
/// One scope granted to a token, as a row: what the scope filter of a listing reads through an index. The token keeps
/// these rows equal to its <see cref="ApiToken.Scopes"/> itself, in the same save.
/// The row also carries copies of the token's columns that the status rules read (revocation, validity window, the
/// owner's state, last use) and its name's search form, kept equal to the token's by the database itself (triggers on both tables, whatever writes
/// them: a save, a bulk update, a copy between engines), never written by this code. A listing by a scope and a status
/// then reads the scope's index entries alone, where it read the token of each: a scope held by a tenth of a million
/// tokens and used in the last week matches 3,500; counting 1,001 of them read 28,000 tokens (60 ms), and reads 28,000
/// index entries instead.
/// </summary>
public sealed class TokenScope
{
    private TokenScope()
    {
    }

    internal TokenScope(Guid tokenId, Guid tenantId, string scope)
    {
        TokenId = tokenId;
        TenantId = tenantId;
        Scope = scope;
    }

    /// <summary>The token.</summary>
    public Guid TokenId { get; private set; }

    /// <summary>The token's tenant, so that the index of a scope's tokens is per tenant.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>The scope's name.</summary>
    public string Scope { get; private set; } = "";

    /// <summary>Copy of <see cref="ApiToken.RevokedAt"/>, kept by the database.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Copy of <see cref="ApiToken.ValidFrom"/>, kept by the database.</summary>
    public DateTimeOffset? ValidFrom { get; private set; }

    /// <summary>Copy of <see cref="ApiToken.EndsAt"/>, kept by the database.</summary>
    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>Copy of <see cref="ApiToken.ValidTo"/>, kept by the database.</summary>
    public DateTimeOffset? ValidTo { get; private set; }

    /// <summary>Copy of <see cref="ApiToken.StartsAt"/>, kept by the database.</summary>
    public DateTimeOffset StartsAt { get; private set; }

    /// <summary>Copy of <see cref="ApiToken.OwnerIsActive"/>, kept by the database.</summary>
    public bool OwnerIsActive { get; private set; } = true;

    /// <summary>Copy of <see cref="ApiToken.LastUsedAt"/>, kept by the database.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>Copy of <see cref="ApiToken.NameKey"/>, kept by the database: a keyword tested on the index entry.</summary>
    public string NameKey { get; private set; } = "";

    /// <summary>The token's columns copied onto its scope rows, by the same names on both, in the order of their index.</summary>
    public static IReadOnlyList<string> CopiedColumns { get; } =
        [nameof(OwnerIsActive), nameof(RevokedAt), nameof(StartsAt), nameof(EndsAt), nameof(ValidTo), nameof(ValidFrom), nameof(LastUsedAt), nameof(NameKey)];
}
