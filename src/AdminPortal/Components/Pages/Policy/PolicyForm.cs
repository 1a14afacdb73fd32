using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Components.Pages.Policy;

/// <summary>
/// The policy page's fields, editable, taken from and turned back into <see cref="TenantPolicySettings"/>. Whether the
/// values are acceptable is the token service's to say (<see cref="TokenService.PolicyProblems"/>).
/// </summary>
public sealed class PolicyForm
{
    private readonly Dictionary<Role, HashSet<string>> _scopes = [];
    private readonly HashSet<Role> _limited = [];

    public PolicyForm(TenantPolicyView view)
    {
        Held = view.ScopesHeldByRole;
        var s = view.Settings;
        MaxLifetimeDays = s.MaxLifetimeDays;
        RequireExpiry = s.RequireExpiry;
        OnlyAdminsCreateTokens = s.OnlyAdminsCreateTokens;
        MaxUsableTokensPerPerson = s.MaxUsableTokensPerPerson;
        ExpiryNoticeDays = s.ExpiryNoticeDays;
        NoticeOnExpiryDay = s.NoticeOnExpiryDay;
        AdminDigest = s.AdminDigest;
        MaxRotationGraceHours = s.MaxRotationGraceHours;
        RevokeOnSecretReuse = s.RevokeOnSecretReuse;
        CleanupUnusedAfterDays = s.CleanupUnusedAfterDays;
        RequireAllowListForWriteScopes = s.RequireAllowListForWriteScopes;
        DefaultRateLimitPerMinute = s.DefaultRateLimitPerMinute;
        foreach (var role in Enum.GetValues<Role>())
        {
            var limited = s.ScopesByRole.TryGetValue(role, out var allowed);
            _scopes[role] = new HashSet<string>(limited ? allowed! : Held[role], StringComparer.Ordinal);
            if (limited)
            {
                _limited.Add(role);
            }
        }
    }

    /// <summary>The scopes each role holds: what its scope setting chooses from.</summary>
    public IReadOnlyDictionary<Role, IReadOnlySet<string>> Held { get; }

    public int? MaxLifetimeDays { get; set; }

    public bool RequireExpiry { get; set; }

    public bool OnlyAdminsCreateTokens { get; set; }

    public int? MaxUsableTokensPerPerson { get; set; }

    public int ExpiryNoticeDays { get; set; }

    public bool NoticeOnExpiryDay { get; set; }

    public bool AdminDigest { get; set; }

    public int? MaxRotationGraceHours { get; set; }

    public bool RevokeOnSecretReuse { get; set; }

    public int? CleanupUnusedAfterDays { get; set; }

    public bool RequireAllowListForWriteScopes { get; set; }

    public int? DefaultRateLimitPerMinute { get; set; }

    /// <summary>Whether the policy narrows the scopes members of <paramref name="role"/> may put in tokens.</summary>
    public bool IsLimited(Role role) => _limited.Contains(role);

    public void SetLimited(Role role, bool limited)
    {
        if (!limited)
        {
            _limited.Remove(role);
            return;
        }

        _limited.Add(role);
    }

    public bool Allows(Role role, string scope) => _scopes[role].Contains(scope);

    public void SetAllowed(Role role, string scope, bool allowed)
    {
        if (allowed)
        {
            _scopes[role].Add(scope);
        }
        else
        {
            _scopes[role].Remove(scope);
        }
    }

    public TenantPolicySettings ToSettings() => new()
    {
        MaxLifetimeDays = MaxLifetimeDays,
        RequireExpiry = RequireExpiry,
        OnlyAdminsCreateTokens = OnlyAdminsCreateTokens,
        MaxUsableTokensPerPerson = MaxUsableTokensPerPerson,
        ScopesByRole = _limited.ToDictionary(role => role, role => (IReadOnlyList<string>)[.. _scopes[role].Order(StringComparer.Ordinal)]),
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
