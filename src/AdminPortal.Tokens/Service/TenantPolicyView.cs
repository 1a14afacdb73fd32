using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>A tenant's token policy as one member sees it.</summary>
/// <param name="Settings">The settings in force.</param>
/// <param name="Version">The version to send back with a change (0 while the tenant has the defaults).</param>
/// <param name="ChangedAt">When it last changed; null while the tenant has the defaults.</param>
/// <param name="CanChange">Whether the viewer may change it (full admins).</param>
/// <param name="ScopesHeldByRole">The scopes each role holds: what the per-role scope settings may choose from.</param>
public sealed record TenantPolicyView(
    TenantPolicySettings Settings, int Version, DateTimeOffset? ChangedAt, bool CanChange, IReadOnlyDictionary<Role, IReadOnlySet<string>> ScopesHeldByRole);
