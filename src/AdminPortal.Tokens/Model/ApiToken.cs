namespace AdminPortal.Tokens.Model;

/// <summary>An API token: its public GUID, details, owner, validity and usage. The secret is held only as a hash.</summary>
public sealed class ApiToken
{
    private readonly List<TokenScope> _scopeRows = [];

    private ApiToken()
    {
    }

    /// <summary>The token's public identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>The GUID as lower-case text, indexed for prefix search in every database.</summary>
    public string GuidText { get; private set; } = "";

    /// <summary>The owner's tenant.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>The user whose privileges the token carries.</summary>
    public Guid OwnerId { get; private set; }

    /// <summary>The owner.</summary>
    public PortalUser Owner { get; private set; } = null!;

    /// <summary>The user who created it.</summary>
    public Guid CreatedById { get; private set; }

    /// <summary>Name, unique per owner ignoring case.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Upper-case invariant form of the name, for case-insensitive search and uniqueness in any database.</summary>
    public string NameKey { get; private set; } = "";

    /// <summary>Free-text description.</summary>
    public string Description { get; private set; } = "";

    /// <summary>The scopes granted at creation or edit (effective scopes are also bounded by the owner's).</summary>
    public IReadOnlyList<string> Scopes { get; private set; } = [];

    /// <summary>The same scopes as rows of their own (table TokenScopes), for the scope filter's index.</summary>
    public IReadOnlyCollection<TokenScope> ScopeRows => _scopeRows;

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Start of validity, or null for "from creation".</summary>
    public DateTimeOffset? ValidFrom { get; private set; }

    /// <summary>End of validity as set, or null for "never expires".</summary>
    public DateTimeOffset? ValidTo { get; private set; }

    /// <summary>Canonical addresses and CIDR ranges calls may come from; null (never empty) for any address.</summary>
    public IReadOnlyList<string>? AllowedAddresses { get; private set; }

    /// <summary>Calls per minute allowed on each node, or null for the tenant's default.</summary>
    public int? RateLimitPerMinute { get; private set; }

    /// <summary>When it was revoked, while revoked.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>Who revoked it, while revoked.</summary>
    public Guid? RevokedById { get; private set; }

    /// <summary>
    /// Derived, for sorting by an index: the end of validity in effect (<see cref="EffectiveValidTo"/>), or
    /// <see cref="DateTimeOffset.MaxValue"/> for a token that never ends, so that an ascending order puts those last.
    /// </summary>
    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>Derived, for sorting by an index: the start of validity in effect (<see cref="ValidFrom"/>, else creation).</summary>
    public DateTimeOffset StartsAt { get; private set; }

    /// <summary>
    /// Stored copy of the owner's state (<see cref="PortalUser.IsActive"/>), for the status filters' index: set when the
    /// token is issued and, for all of an owner's tokens in the same transaction, when the owner is deactivated or
    /// reactivated. The status of a loaded token is still computed from its owner (<see cref="ValidityAt"/>).
    /// </summary>
    public bool OwnerIsActive { get; private set; } = true;

    /// <summary>Last successful authentication (written at most once a minute).</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>Client address of that authentication.</summary>
    public string? LastUsedFrom { get; private set; }

    /// <summary>Hex SHA-256 or HMAC-SHA256 of the secret.</summary>
    public string SecretHash { get; private set; } = "";

    /// <summary>Optimistic-concurrency version, bumped by every change.</summary>
    public int Version { get; private set; }

    /// <summary>The end of validity in effect: the revocation time while revoked.</summary>
    public DateTimeOffset? EffectiveValidTo => RevokedAt ?? ValidTo;

    internal static ApiToken Issue(Guid id, PortalUser owner, PortalUser createdBy, TokenDetails details, string secretHash, DateTimeOffset at)
    {
        var token = new ApiToken
        {
            Id = id,
            GuidText = FormatGuid(id),
            TenantId = owner.TenantId,
            OwnerId = owner.Id,
            OwnerIsActive = owner.IsActive,
            CreatedById = createdBy.Id,
            CreatedAt = at,
            SecretHash = secretHash,
            Version = 1,
        };
        token.Apply(details);
        return token;
    }

    /// <summary>The canonical text form of a token GUID.</summary>
    public static string FormatGuid(Guid id) => id.ToString("D");

    /// <summary>Validity at <paramref name="now"/>.</summary>
    public TokenValidity ValidityAt(DateTimeOffset now, bool ownerActive) =>
        TokenStatus.Validity(RevokedAt, ValidFrom, ValidTo, ownerActive, now);

    /// <summary>Whether it counts against the owner's limit at <paramref name="now"/>.</summary>
    public bool IsUsableAt(DateTimeOffset now) => TokenStatus.IsUsable(RevokedAt, ValidTo, now);

    internal void Change(TokenDetails details)
    {
        Apply(details);
        Version++;
    }

    internal void Revoke(PortalUser by, DateTimeOffset at) => RevokeAs(by.Id, at);

    /// <summary>Revokes without a person acting (a secret scanner's report, a reused old secret): no one is named as having revoked it.</summary>
    internal void RevokeUnattended(DateTimeOffset at) => RevokeAs(null, at);

    /// <summary>Revoked by the tenant policy's clean-up of unused tokens (<see cref="SystemActors.TenantPolicyId"/>).</summary>
    internal void RevokeByPolicy(DateTimeOffset at) => RevokeAs(SystemActors.TenantPolicyId, at);

    private void RevokeAs(Guid? by, DateTimeOffset at)
    {
        RevokedAt = at;
        RevokedById = by;
        Derive();
        Version++;
    }

    internal void Restore()
    {
        RevokedAt = null;
        RevokedById = null;
        Derive();
        Version++;
    }

    internal void Roll(string newSecretHash)
    {
        SecretHash = newSecretHash;
        Version++;
    }

    private void Apply(TokenDetails details)
    {
        Name = details.Name;
        NameKey = NormalizeName(details.Name);
        Description = details.Description;
        Scopes = details.Scopes;
        _scopeRows.RemoveAll(row => !Scopes.Contains(row.Scope));
        foreach (var scope in Scopes.Distinct().Where(scope => !_scopeRows.Exists(row => row.Scope == scope)).ToList())
        {
            _scopeRows.Add(new TokenScope(Id, TenantId, scope));
        }

        ValidFrom = details.ValidFrom;
        ValidTo = details.ValidTo;
        AllowedAddresses = details.AllowedAddresses.Count == 0 ? null : details.AllowedAddresses;
        RateLimitPerMinute = details.RateLimitPerMinute;
        Derive();
    }

    private void Derive()
    {
        EndsAt = DerivedEnd(RevokedAt, ValidTo);
        StartsAt = ValidFrom ?? CreatedAt;
    }

    /// <summary>The value of <see cref="EndsAt"/> for these dates.</summary>
    public static DateTimeOffset DerivedEnd(DateTimeOffset? revokedAt, DateTimeOffset? validTo) => revokedAt ?? validTo ?? DateTimeOffset.MaxValue;

    /// <summary>The form names are compared and searched in.</summary>
    public static string NormalizeName(string name) => name.Normalize(System.Text.NormalizationForm.FormKC).ToUpperInvariant();
}
