namespace AdminPortal.Tokens.Model;

/// <summary>
/// The stored rules of one tenant's tokens (table TenantPolicies, at most one row per tenant; a tenant without one has
/// <see cref="TenantPolicySettings.Defaults"/>). Changed only through the token service, audited, versioned.
/// </summary>
public sealed class TenantPolicy
{
    private TenantPolicy()
    {
    }

    /// <summary>The tenant the policy belongs to (the key).</summary>
    public Guid TenantId { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.MaxLifetimeDays"/>.</summary>
    public int? MaxLifetimeDays { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.RequireExpiry"/>.</summary>
    public bool RequireExpiry { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.MaxUsableTokensPerPerson"/>.</summary>
    public int? MaxUsableTokensPerPerson { get; private set; }

    /// <summary>The scopes users may put in tokens; null: all they hold.</summary>
    public IReadOnlyList<string>? UserScopes { get; private set; }

    /// <summary>The scopes security readers may put in tokens; null: all they hold.</summary>
    public IReadOnlyList<string>? SecurityReaderScopes { get; private set; }

    /// <summary>The scopes full admins may put in tokens; null: all they hold.</summary>
    public IReadOnlyList<string>? FullAdminScopes { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.ExpiryNoticeDays"/>.</summary>
    public int ExpiryNoticeDays { get; private set; } = 7;

    /// <summary>See <see cref="TenantPolicySettings.NoticeOnExpiryDay"/>.</summary>
    public bool NoticeOnExpiryDay { get; private set; } = true;

    /// <summary>See <see cref="TenantPolicySettings.AdminDigest"/>.</summary>
    public bool AdminDigest { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.MaxRotationGraceHours"/>.</summary>
    public int? MaxRotationGraceHours { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.RevokeOnSecretReuse"/>.</summary>
    public bool RevokeOnSecretReuse { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.CleanupUnusedAfterDays"/>.</summary>
    public int? CleanupUnusedAfterDays { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.RequireAllowListForWriteScopes"/>.</summary>
    public bool RequireAllowListForWriteScopes { get; private set; }

    /// <summary>See <see cref="TenantPolicySettings.DefaultRateLimitPerMinute"/>.</summary>
    public int? DefaultRateLimitPerMinute { get; private set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>Who last changed it.</summary>
    public Guid ChangedById { get; private set; }

    /// <summary>Optimistic-concurrency version, bumped by every change.</summary>
    public int Version { get; private set; }

    internal static TenantPolicy For(Guid tenantId) => new() { TenantId = tenantId };

    /// <summary>The settings, with the tenant's own "only admins create tokens" flag.</summary>
    public TenantPolicySettings Settings(bool onlyAdminsCreateTokens)
    {
        var scopes = new Dictionary<Role, IReadOnlyList<string>>();
        AddScopes(scopes, Role.User, UserScopes);
        AddScopes(scopes, Role.SecurityReader, SecurityReaderScopes);
        AddScopes(scopes, Role.FullAdmin, FullAdminScopes);
        return new TenantPolicySettings
        {
            MaxLifetimeDays = MaxLifetimeDays,
            RequireExpiry = RequireExpiry,
            OnlyAdminsCreateTokens = onlyAdminsCreateTokens,
            MaxUsableTokensPerPerson = MaxUsableTokensPerPerson,
            ScopesByRole = scopes,
            ExpiryNoticeDays = ExpiryNoticeDays,
            NoticeOnExpiryDay = NoticeOnExpiryDay,
            AdminDigest = AdminDigest,
            MaxRotationGraceHours = MaxRotationGraceHours,
            RevokeOnSecretReuse = RevokeOnSecretReuse,
            CleanupUnusedAfterDays = CleanupUnusedAfterDays,
            RequireAllowListForWriteScopes = RequireAllowListForWriteScopes,
            DefaultRateLimitPerMinute = DefaultRateLimitPerMinute,
        };
    }

    internal void Apply(TenantPolicySettings settings, Guid by, DateTimeOffset at)
    {
        MaxLifetimeDays = settings.MaxLifetimeDays;
        RequireExpiry = settings.RequireExpiry;
        MaxUsableTokensPerPerson = settings.MaxUsableTokensPerPerson;
        UserScopes = ScopesOf(settings, Role.User);
        SecurityReaderScopes = ScopesOf(settings, Role.SecurityReader);
        FullAdminScopes = ScopesOf(settings, Role.FullAdmin);
        ExpiryNoticeDays = settings.ExpiryNoticeDays;
        NoticeOnExpiryDay = settings.NoticeOnExpiryDay;
        AdminDigest = settings.AdminDigest;
        MaxRotationGraceHours = settings.MaxRotationGraceHours;
        RevokeOnSecretReuse = settings.RevokeOnSecretReuse;
        CleanupUnusedAfterDays = settings.CleanupUnusedAfterDays;
        RequireAllowListForWriteScopes = settings.RequireAllowListForWriteScopes;
        DefaultRateLimitPerMinute = settings.DefaultRateLimitPerMinute;
        ChangedAt = at;
        ChangedById = by;
        Version++;
    }

    private static void AddScopes(Dictionary<Role, IReadOnlyList<string>> map, Role role, IReadOnlyList<string>? scopes)
    {
        if (scopes is not null)
        {
            map[role] = scopes;
        }
    }

    private static IReadOnlyList<string>? ScopesOf(TenantPolicySettings settings, Role role) =>
        settings.ScopesByRole.TryGetValue(role, out var scopes) ? [.. scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] : null;
}
