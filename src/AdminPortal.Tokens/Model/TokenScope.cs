namespace AdminPortal.Tokens.Model;

/// <summary>
/// One scope granted to a token, as a row: what the scope filter of a listing reads through an index. The token keeps
/// these rows equal to its <see cref="ApiToken.Scopes"/> itself, in the same save.
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
}
