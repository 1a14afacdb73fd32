using System.Globalization;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Service;

/// <summary>The human-readable "what changed" of audit entries. Never includes a secret or hash.</summary>
internal static class AuditSummaries
{
    public static string Created(ApiToken t) =>
        $"Created '{t.Name}' with scopes {string.Join(", ", t.Scopes)}; valid {Window(t.ValidFrom, t.ValidTo)}"
        + (t.AllowedAddresses is { Count: > 0 } allowed ? $"; allowed addresses {AllowList(allowed)}" : "")
        + (t.RateLimitPerMinute is { } l ? $"; rate limit {l}/min" : "") + ".";

    /// <summary>"Changed the token policy: maximum lifetime none → 90 days; ...", or empty when nothing changed.</summary>
    public static string PolicyChanged(TenantPolicySettings before, TenantPolicySettings after)
    {
        var changes = new List<string>();
        void Compare<T>(string what, T was, T now, Func<T, string> show)
        {
            if (!EqualityComparer<T>.Default.Equals(was, now))
            {
                changes.Add($"{what} {show(was)} → {show(now)}");
            }
        }

        static string Days(int? days) => days is { } d ? $"{d} days" : "none";
        static string OnOff(bool on) => on ? "on" : "off";
        Compare("maximum lifetime", before.MaxLifetimeDays, after.MaxLifetimeDays, Days);
        Compare("expiry required", before.RequireExpiry, after.RequireExpiry, OnOff);
        Compare("only admins create tokens", before.OnlyAdminsCreateTokens, after.OnlyAdminsCreateTokens, OnOff);
        Compare("most usable tokens per person", before.MaxUsableTokensPerPerson, after.MaxUsableTokensPerPerson, n => n?.ToString(CultureInfo.InvariantCulture) ?? "the portal's maximum");
        foreach (var role in Enum.GetValues<Role>())
        {
            var was = before.ScopesByRole.TryGetValue(role, out var b) ? string.Join(" ", b.Order(StringComparer.Ordinal)) : "all held";
            var now = after.ScopesByRole.TryGetValue(role, out var a) ? string.Join(" ", a.Order(StringComparer.Ordinal)) : "all held";
            Compare($"{role} scopes", was, now, s => s.Length == 0 ? "none" : s);
        }

        Compare("expiry notice", before.ExpiryNoticeDays, after.ExpiryNoticeDays, d => $"{d} days ahead");
        Compare("notice on the expiry day", before.NoticeOnExpiryDay, after.NoticeOnExpiryDay, OnOff);
        Compare("admin digest", before.AdminDigest, after.AdminDigest, OnOff);
        Compare("longest rotation grace", before.MaxRotationGraceHours, after.MaxRotationGraceHours, h => h is { } x ? $"{x} hours" : "the portal's longest");
        Compare("revoke on reuse of a rolled secret", before.RevokeOnSecretReuse, after.RevokeOnSecretReuse, OnOff);
        Compare("clean-up of unused tokens", before.CleanupUnusedAfterDays, after.CleanupUnusedAfterDays, d => d is { } x ? $"after {x} days" : "never");
        Compare("allow-list required for write scopes", before.RequireAllowListForWriteScopes, after.RequireAllowListForWriteScopes, OnOff);
        Compare("default rate limit", before.DefaultRateLimitPerMinute, after.DefaultRateLimitPerMinute, n => n is { } x ? $"{x} per minute" : "none");
        return changes.Count == 0 ? "" : $"Changed the token policy: {string.Join("; ", changes)}.";
    }

    public static string Edited(TokenSnapshot before, TokenSnapshot after)
    {
        var changes = new List<string>();
        if (before.Name != after.Name)
        {
            changes.Add($"name '{before.Name}' → '{after.Name}'");
        }

        if (before.Description != after.Description)
        {
            changes.Add("description changed");
        }

        var added = after.Scopes.Except(before.Scopes, StringComparer.Ordinal).ToList();
        var removed = before.Scopes.Except(after.Scopes, StringComparer.Ordinal).ToList();
        if (added.Count > 0 || removed.Count > 0)
        {
            changes.Add("scopes " + string.Join(" ", added.Select(s => "+" + s).Concat(removed.Select(s => "-" + s))));
        }

        if (before.ValidFrom != after.ValidFrom || before.ValidTo != after.ValidTo)
        {
            changes.Add($"validity {Window(before.ValidFrom, before.ValidTo)} → {Window(after.ValidFrom, after.ValidTo)}");
        }

        if (!before.AllowedAddresses.SequenceEqual(after.AllowedAddresses, StringComparer.Ordinal))
        {
            changes.Add($"allowed addresses {AllowList(before.AllowedAddresses)} → {AllowList(after.AllowedAddresses)}");
        }

        if (before.RateLimitPerMinute != after.RateLimitPerMinute)
        {
            changes.Add($"rate limit {RateLimit(before.RateLimitPerMinute)} → {RateLimit(after.RateLimitPerMinute)}");
        }

        return changes.Count == 0 ? "" : $"Edited '{after.Name}': {string.Join("; ", changes)}.";
    }

    /// <summary>" Owner: X." when a full admin created the token for someone else; else empty.</summary>
    public static string OwnedBy(PortalUser owner, PortalUser actor) => owner.Id == actor.Id ? "" : $" Owner: {owner.DisplayName}.";

    public static string Revoked(ApiToken t) => $"Revoked '{t.Name}'.";

    public static string CleanedUp(ApiToken t, int days) =>
        $"Revoked '{t.Name}': unused for {days} days (the tenant policy's clean-up of unused tokens).";

    public static string Restored(ApiToken t) => $"Restored '{t.Name}'.";

    public static string Rolled(ApiToken t, DateTimeOffset? oldSecretValidUntil) =>
        $"Rolled the secret of '{t.Name}'; " + (oldSecretValidUntil is { } until ? $"the old secret works until {Format(until)}." : "the old secret stopped at once.");

    public static string SecretReused(ApiToken t, RetiredSecret retired, DateTimeOffset at, string? from) =>
        $"A rolled-away secret of '{t.Name}' was used{From(from)} at {Format(at)}, after its grace period ended at {Format(retired.GraceUntil)} "
        + $"(rolled {Format(retired.RetiredAt)}): it may have leaked.";

    public static string RevokedForReuse(ApiToken t) =>
        $"Revoked '{t.Name}' because a rolled-away secret of it was used after its grace period (the token policy revokes on reuse).";

    public static string Deleted(ApiToken t) => $"Deleted '{t.Name}' (owner {t.Owner.DisplayName}).";

    public static string Deactivated(PortalUser u) => $"Deactivated {u.DisplayName} <{u.Email}>; their tokens are suspended.";

    public static string Reactivated(PortalUser u) => $"Reactivated {u.DisplayName} <{u.Email}>.";

    public static string SignedIn(string? from) => $"Signed in{From(from)}.";

    public static string SignedOut(string? from) => $"Signed out{From(from)}.";

    public static string SessionEnded(string reason, string? from) => $"Signed out by the identity provider's re-check{From(from)}: {reason}";

    public static string SignInRefused(string reason, string? from) => $"Sign-in refused{From(from)}: {reason}";

    public static string ReactivatedBuiltIn(PortalUser u) => $"Reactivated {u.DisplayName}: it is built in and cannot be deactivated.";

    /// <summary>An audit line for a token revoked because its secret was reported leaked; where it was found, if said.</summary>
    public static string RevokedLeaked(ApiToken t, string? where) =>
        $"Revoked '{t.Name}': its secret was reported leaked{(string.IsNullOrWhiteSpace(where) ? "" : $" at {where}")}.";

    private static string AllowList(IReadOnlyList<string> entries) => entries.Count == 0 ? "any" : string.Join(", ", entries);

    private static string RateLimit(int? perMinute) => perMinute is { } l ? $"{l}/min" : "default";

    private static string From(string? address) => address is null ? "" : $" from {address}";

    private static string Window(DateTimeOffset? from, DateTimeOffset? to) =>
        $"from {(from is { } f ? Format(f) : "creation")} to {(to is { } t ? Format(t) : "no expiry")}";

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

/// <summary>The audited fields of a token before an edit.</summary>
internal sealed record TokenSnapshot(
    string Name, string Description, IReadOnlyList<string> Scopes, DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo,
    IReadOnlyList<string> AllowedAddresses, int? RateLimitPerMinute)
{
    public static TokenSnapshot Of(ApiToken t) => new(t.Name, t.Description, t.Scopes, t.ValidFrom, t.ValidTo, t.AllowedAddresses ?? [], t.RateLimitPerMinute);

    public static TokenSnapshot Of(TokenDetails d) => new(d.Name, d.Description, d.Scopes, d.ValidFrom, d.ValidTo, d.AllowedAddresses, d.RateLimitPerMinute);
}
