using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>The longest lifetime a policy may set, in days (ten years).</summary>
    public const int LongestPolicyLifetimeDays = 3650;

    /// <summary>The longest grace period a roll can give the old secret, in hours (seven days).</summary>
    public const int LongestRotationGraceHours = 7 * 24;

    /// <summary>The longest advance notice of an expiry, in days.</summary>
    public const int LongestExpiryNoticeDays = 90;

    /// <summary>The shortest clean-up period, in days: longer than the notice that precedes a clean-up.</summary>
    public const int ShortestCleanupDays = 14;

    /// <summary>The highest per-token rate a policy may set as the default, in calls per minute.</summary>
    public const int HighestRateLimitPerMinute = 1_000_000;

    private static readonly TokenError StalePolicy = new(TokenErrorCode.Conflict,
        "Someone else changed the policy after you opened it. Their change was kept; reload to see it and try again.");

    /// <summary>The caller's tenant's token policy; every active member may read it (the rules apply to them).</summary>
    public async Task<Result<TenantPolicyView>> GetPolicyAsync(Guid actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadActorAsync(db, actorId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }

        var actor = loaded.Value;
        var onlyAdmins = await db.Tenants.Where(t => t.Id == actor.TenantId).Select(t => t.OnlyAdminsCreateTokens).SingleAsync(ct);
        var stored = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == actor.TenantId, ct);
        return PolicyView(actor, stored, onlyAdmins);
    }

    /// <summary>
    /// Replaces the caller's tenant's token policy. Full admins only; <paramref name="expectedVersion"/> is the version
    /// the caller read (a stale change fails as a conflict and changes nothing); each setting is checked and a bad one
    /// is refused with its name; the change is audited with what it changed.
    /// </summary>
    public Task<Result<TenantPolicyView>> ChangePolicyAsync(Guid actorId, TenantPolicySettings settings, int expectedVersion, CancellationToken ct = default) =>
        PortalTelemetry.TraceAsync(SpanName(nameof(ChangePolicyAsync)), actorId, null,
            () => StorageGuard.RunAsync(() => ChangePolicyCoreAsync(actorId, settings, expectedVersion, ct)));

    /// <summary>The settings in force in <paramref name="tenantId"/>, read inside the caller's transaction.</summary>
    internal static async Task<TenantPolicySettings> LoadPolicyAsync(TokenDbContext db, Guid tenantId, CancellationToken ct)
    {
        var onlyAdmins = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.OnlyAdminsCreateTokens).SingleAsync(ct);
        var stored = await db.Policies.AsNoTracking().SingleOrDefaultAsync(p => p.TenantId == tenantId, ct);
        return stored?.Settings(onlyAdmins) ?? TenantPolicySettings.Defaults with { OnlyAdminsCreateTokens = onlyAdmins };
    }

    private async Task<Result<TenantPolicyView>> ChangePolicyCoreAsync(Guid actorId, TenantPolicySettings settings, int expectedVersion, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var loaded = await LoadActorAsync(db, actorId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }

        var actor = loaded.Value;
        if (actor.Role != Role.FullAdmin)
        {
            return TokenError.Forbidden("Only administrators can change the token policy.");
        }

        if (PolicyProblem(settings) is { } problem)
        {
            return problem;
        }

        var tenant = await db.Tenants.SingleAsync(t => t.Id == actor.TenantId, ct);
        var stored = await db.Policies.SingleOrDefaultAsync(p => p.TenantId == actor.TenantId, ct);
        if ((stored?.Version ?? 0) != expectedVersion)
        {
            return StalePolicy;
        }

        var before = stored?.Settings(tenant.OnlyAdminsCreateTokens) ?? TenantPolicySettings.Defaults with { OnlyAdminsCreateTokens = tenant.OnlyAdminsCreateTokens };
        var summary = AuditSummaries.PolicyChanged(before, settings);
        if (summary.Length == 0)
        {
            return PolicyView(actor, stored, tenant.OnlyAdminsCreateTokens);
        }

        if (stored is null)
        {
            stored = TenantPolicy.For(actor.TenantId);
            db.Policies.Add(stored);
        }

        var now = Now();
        stored.Apply(settings, actor.Id, now);
        tenant.RestrictTokenCreationToAdmins(settings.OnlyAdminsCreateTokens);
        db.Audit.Add(AuditEntry.Record(actor, now, AuditAction.PolicyChanged, summary));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (!StorageStatus.IsUnavailable(ex))
        {
            // A concurrent change won: the row it inserted (or the version it bumped) is the one that stands.
            return StalePolicy;
        }

        await tx.CommitAsync(ct);
        Log.PolicyChanged(logger, actor.TenantId, actor.Id);
        return PolicyView(actor, stored, tenant.OnlyAdminsCreateTokens);
    }

    /// <summary>
    /// Every problem of <paramref name="s"/>, at most one per setting, named by the setting (<see cref="TokenError.Field"/>
    /// is the property of <see cref="TenantPolicySettings"/>): what a change would be refused for, for forms that show each
    /// reason beside its field. Empty when the settings are acceptable.
    /// </summary>
    public IReadOnlyList<TokenError> PolicyProblems(TenantPolicySettings s) => [.. EachPolicyProblem(s)];

    private TokenError? PolicyProblem(TenantPolicySettings s) => EachPolicyProblem(s).FirstOrDefault();

    private IEnumerable<TokenError> EachPolicyProblem(TenantPolicySettings s)
    {
        if (s.MaxLifetimeDays is { } days and (< 1 or > LongestPolicyLifetimeDays))
        {
            yield return TokenError.Invalid(nameof(s.MaxLifetimeDays), $"The maximum lifetime must be between 1 and {LongestPolicyLifetimeDays} days.");
        }

        if (s.MaxUsableTokensPerPerson is { } most and (< 1 or > int.MaxValue / 2))
        {
            yield return TokenError.Invalid(nameof(s.MaxUsableTokensPerPerson), "The most usable tokens per person must be at least 1.");
        }

        else if (s.MaxUsableTokensPerPerson > _options.MaxUsableTokensPerOwner)
        {
            yield return TokenError.Invalid(nameof(s.MaxUsableTokensPerPerson),
                $"The most usable tokens per person cannot exceed the portal's own maximum of {_options.MaxUsableTokensPerOwner}.");
        }

        foreach (var (role, scopes) in s.ScopesByRole)
        {
            var held = catalog.ScopesOf(role);
            if (scopes.FirstOrDefault(scope => !held.Contains(scope)) is { } extra)
            {
                yield return TokenError.Invalid(nameof(s.ScopesByRole),
                    catalog.IsKnown(extra)
                        ? $"The role {role} does not hold the scope '{extra}', so its tokens cannot be allowed it."
                        : $"'{extra}' is not a scope the API knows.");
                break;
            }
        }

        if (s.ExpiryNoticeDays is < 0 or > LongestExpiryNoticeDays)
        {
            yield return TokenError.Invalid(nameof(s.ExpiryNoticeDays), $"The expiry notice must be between 0 and {LongestExpiryNoticeDays} days ahead.");
        }

        if (s.MaxRotationGraceHours is < 0 or > LongestRotationGraceHours)
        {
            yield return TokenError.Invalid(nameof(s.MaxRotationGraceHours), $"The longest grace period must be between 0 and {LongestRotationGraceHours} hours.");
        }

        if (s.CleanupUnusedAfterDays is { } cleanup and (< ShortestCleanupDays or > LongestPolicyLifetimeDays))
        {
            yield return TokenError.Invalid(nameof(s.CleanupUnusedAfterDays),
                $"Unused tokens can be cleaned up after between {ShortestCleanupDays} and {LongestPolicyLifetimeDays} days.");
        }

        if (s.DefaultRateLimitPerMinute is < 1 or > HighestRateLimitPerMinute)
        {
            yield return TokenError.Invalid(nameof(s.DefaultRateLimitPerMinute), $"The default rate limit must be between 1 and {HighestRateLimitPerMinute:N0} calls per minute.");
        }
    }

    private TenantPolicyView PolicyView(PortalUser viewer, TenantPolicy? stored, bool onlyAdmins) =>
        new(
            stored?.Settings(onlyAdmins) ?? TenantPolicySettings.Defaults with { OnlyAdminsCreateTokens = onlyAdmins },
            stored?.Version ?? 0,
            stored?.ChangedAt,
            viewer.Role == Role.FullAdmin,
            Enum.GetValues<Role>().ToDictionary(role => role, catalog.ScopesOf));
}
