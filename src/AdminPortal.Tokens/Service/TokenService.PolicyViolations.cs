using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>The most violations one page lists.</summary>
    public const int MaxViolationPageSize = 100;

    private const int BulkBatchSize = 100;

    /// <summary>
    /// The tenant's usable tokens that break <paramref name="proposed"/> (the policy in force when null), one page of
    /// them, oldest first, each with the policies it breaks. Full admins only. A token breaks the policy when it ends
    /// later than the maximum lifetime from now (or never, where a lifetime or an end is required), carries a scope its
    /// owner's role may not put in tokens, or is one of a person's usable tokens beyond the most allowed: a person keeps
    /// their oldest ones, and those created after the allowed number are over (they are the ones the policy would have
    /// refused).
    /// </summary>
    public Task<Result<PolicyViolations>> PolicyViolationsAsync(
        Guid actorId, TenantPolicySettings? proposed = null, int page = 1, int pageSize = 25, CancellationToken ct = default) =>
        PortalTelemetry.TraceAsync(SpanName(nameof(PolicyViolationsAsync)), actorId, null,
            () => PolicyViolationsCoreAsync(actorId, proposed, page, pageSize, ct));

    /// <summary>
    /// Sets the valid-to of every usable token that ends later than the policy's maximum lifetime (or never) to the
    /// maximum lifetime from now. Each token is changed, audited ("by the tenant policy") and announced on its own,
    /// through the normal change path. <paramref name="policyVersion"/> is the version of the policy the admin saw:
    /// when it changed, nothing more is done. A token that starts after that end is left alone (revoke it instead).
    /// </summary>
    public Task<Result<BulkOutcome>> ShortenToPolicyAsync(Guid actorId, int policyVersion, CancellationToken ct = default) =>
        ApplyToViolationsAsync(actorId, policyVersion, lifetimeOnly: true, ct);

    /// <summary>
    /// Revokes every usable token that breaks the policy in force, each audited ("by the tenant policy", naming the
    /// policies it breaks) and announced on its own through the normal change path. See <see cref="ShortenToPolicyAsync"/>
    /// for <paramref name="policyVersion"/>.
    /// </summary>
    public Task<Result<BulkOutcome>> RevokeViolationsAsync(Guid actorId, int policyVersion, CancellationToken ct = default) =>
        ApplyToViolationsAsync(actorId, policyVersion, lifetimeOnly: false, ct);

    private async Task<Result<PolicyViolations>> PolicyViolationsCoreAsync(
        Guid actorId, TenantPolicySettings? proposed, int page, int pageSize, CancellationToken ct)
    {
        if (page < 1)
        {
            return TokenError.Invalid("page", "The page must be 1 or more.");
        }

        if (pageSize is < 1 or > MaxViolationPageSize)
        {
            return TokenError.Invalid("pageSize", $"The page size must be between 1 and {MaxViolationPageSize}.");
        }

        if (proposed is not null && PolicyProblem(proposed) is { } problem)
        {
            return problem;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadAdminAsync(db, actorId, "Only administrators can see which tokens break the token policy.", ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }

        var actor = loaded.Value;
        var now = Now();
        var policy = proposed ?? await LoadPolicyAsync(db, actor.TenantId, ct);
        var violating = Violating(db, actor.TenantId, policy, now, lifetimeOnly: false);
        var total = await violating.CountAsync(ct);
        var lifetime = policy.MaxLifetimeDays is null ? 0 : await Violating(db, actor.TenantId, policy, now, lifetimeOnly: true).CountAsync(ct);
        var tokens = await violating.Include(t => t.Owner).Include(t => t.ScopeRows)
            .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .AsNoTracking().ToListAsync(ct);
        var ids = tokens.Select(t => t.Id).ToList();
        var over = OverLimit(db, policy, now) is { } rule
            ? (await db.Tokens.Where(t => ids.Contains(t.Id)).Where(rule).Select(t => t.Id).ToListAsync(ct)).ToHashSet()
            : [];
        var items = tokens.Select(t => new PolicyViolation(ToView(t, actor.Id, now), BrokenPolicies(policy, t, over.Contains(t.Id), now))).ToList();
        return new PolicyViolations(total, lifetime, page, pageSize, items);
    }

    private async Task<Result<BulkOutcome>> ApplyToViolationsAsync(Guid actorId, int policyVersion, bool lifetimeOnly, CancellationToken ct)
    {
        Guid tenantId;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var loaded = await LoadAdminAsync(db, actorId, "Only administrators can act on the tokens that break the token policy.", ct);
            if (!loaded.Succeeded)
            {
                return loaded.Error;
            }

            tenantId = loaded.Value.TenantId;
            if (await PolicyVersionAsync(db, tenantId, ct) != policyVersion)
            {
                return StalePolicy;
            }

            if (lifetimeOnly && (await LoadPolicyAsync(db, tenantId, ct)).MaxLifetimeDays is null)
            {
                return new TokenError(TokenErrorCode.InvalidState, "The policy sets no maximum lifetime, so there is nothing to shorten tokens to.");
            }
        }

        var done = 0;
        var leftAlone = 0;
        var tried = new List<Guid>();
        while (true)
        {
            List<Guid> batch;
            await using (var db = await contexts.CreateDbContextAsync(ct))
            {
                var policy = await LoadPolicyAsync(db, tenantId, ct);
                batch = await Violating(db, tenantId, policy, Now(), lifetimeOnly)
                    .Where(t => !tried.Contains(t.Id))
                    .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)
                    .Select(t => t.Id).Take(BulkBatchSize).ToListAsync(ct);
            }

            if (batch.Count == 0)
            {
                return new BulkOutcome(done, leftAlone);
            }

            foreach (var id in batch)
            {
                var kept = new StrongBox<bool>();
                var changed = lifetimeOnly ? await ShortenByPolicyAsync(actorId, id, policyVersion, kept, ct) : await RevokeByPolicyAsync(actorId, id, policyVersion, kept, ct);
                if (changed.Succeeded)
                {
                    done++;
                }
                else if (kept.Value)
                {
                    // It keeps the policy now (another token of its owner was revoked first, or someone changed it meanwhile).
                    tried.Add(id);
                }
                else if (changed.Error.Code is TokenErrorCode.Conflict or TokenErrorCode.Forbidden or TokenErrorCode.StorageUnavailable)
                {
                    // The policy changed, the admin lost their rights, or the store cannot be written: stop here. The tokens
                    // changed so far stay changed, each with its audit entry.
                    return done == 0 ? changed.Error : changed.Error with { Message = $"{changed.Error.Message} {done} tokens were changed before this." };
                }
                else
                {
                    tried.Add(id);
                    leftAlone++;
                }
            }
        }
    }

    private Task<Result<TokenView>> ShortenByPolicyAsync(Guid actorId, Guid tokenId, int policyVersion, StrongBox<bool> kept, CancellationToken ct) =>
        ChangeAsync(actorId, tokenId, async (db, _, token, now) =>
        {
            if (await PolicyVersionAsync(db, token.TenantId, ct) != policyVersion)
            {
                return StalePolicy;
            }

            var policy = await LoadPolicyAsync(db, token.TenantId, ct);
            if (policy.MaxLifetimeDays is not { } days || !token.IsUsableAt(now) || TokenPolicyRules.CheckLifetime(policy, token.ValidTo, now) is null)
            {
                kept.Value = true;
                return new TokenError(TokenErrorCode.InvalidState, $"'{token.Name}' keeps the maximum lifetime already.");
            }

            var end = now.AddDays(days);
            if (token.ValidFrom is { } start && start >= end)
            {
                return new TokenError(TokenErrorCode.InvalidState, $"'{token.Name}' starts after the longest end the policy allows; revoke it instead.");
            }

            var before = TokenSnapshot.Of(token);
            token.Change(new TokenDetails(token.Name, token.Description, token.Scopes, token.ValidFrom, end));
            return new Audited(AuditAction.TokenEdited,
                $"By the tenant policy '{TokenPolicyRules.LifetimeName(days)}': {AuditSummaries.Edited(before, TokenSnapshot.Of(token))}");
        }, ct, nameof(ShortenToPolicyAsync));

    private Task<Result<TokenView>> RevokeByPolicyAsync(Guid actorId, Guid tokenId, int policyVersion, StrongBox<bool> kept, CancellationToken ct) =>
        ChangeAsync(actorId, tokenId, async (db, actor, token, now) =>
        {
            if (await PolicyVersionAsync(db, token.TenantId, ct) != policyVersion)
            {
                return StalePolicy;
            }

            var policy = await LoadPolicyAsync(db, token.TenantId, ct);
            var over = OverLimit(db, policy, now) is { } rule && await db.Tokens.Where(t => t.Id == token.Id).AnyAsync(rule, ct);
            var broken = token.IsUsableAt(now) ? BrokenPolicies(policy, token, over, now) : [];
            if (broken.Count == 0)
            {
                kept.Value = true;
                return new TokenError(TokenErrorCode.InvalidState, $"'{token.Name}' keeps the policy.");
            }

            token.Revoke(actor, now);
            return new Audited(AuditAction.TokenRevoked,
                $"{AuditSummaries.Revoked(token)[..^1]} by the tenant policy: it broke {string.Join(", ", broken.Select(p => $"'{p}'"))}.");
        }, ct, nameof(RevokeViolationsAsync));

    /// <summary>The names of the policies <paramref name="token"/> breaks; <paramref name="overLimit"/>: it is beyond its owner's allowed number.</summary>
    private static List<string> BrokenPolicies(TenantPolicySettings policy, ApiToken token, bool overLimit, DateTimeOffset now)
    {
        var broken = new List<string>();
        if (TokenPolicyRules.CheckLifetime(policy, token.ValidTo, now) is { Policy: { } lifetime })
        {
            broken.Add(lifetime);
        }

        if (TokenPolicyRules.CheckScopes(policy, token.Owner.Role, token.Scopes) is { Policy: { } scopes })
        {
            broken.Add(scopes);
        }

        if (overLimit && policy.MaxUsableTokensPerPerson is { } most)
        {
            broken.Add(TokenPolicyRules.TokensPerPersonName(most));
        }

        return broken;
    }

    /// <summary>The tenant's usable tokens that break <paramref name="policy"/> (only its lifetime rules when <paramref name="lifetimeOnly"/>), as a query.</summary>
    private static IQueryable<ApiToken> Violating(TokenDbContext db, Guid tenantId, TenantPolicySettings policy, DateTimeOffset now, bool lifetimeOnly)
    {
        var rules = new List<Expression<Func<ApiToken, bool>>>();
        if (policy.MaxLifetimeDays is { } days)
        {
            var latest = now.AddDays(days);
            rules.Add(t => t.ValidTo == null || t.ValidTo > latest);
        }
        else if (policy.RequireExpiry)
        {
            rules.Add(t => t.ValidTo == null);
        }

        if (!lifetimeOnly)
        {
            foreach (var (role, allowed) in policy.ScopesByRole)
            {
                var allowedList = allowed.ToList();
                rules.Add(t => t.Owner.Role == role && t.ScopeRows.Any(s => !allowedList.Contains(s.Scope)));
            }

            if (OverLimit(db, policy, now) is { } over)
            {
                rules.Add(over);
            }
        }

        var tokens = db.Tokens.Where(t => t.TenantId == tenantId).Where(TokenFilters.IsUsable(now));
        return rules.Count == 0 ? tokens.Where(t => false) : tokens.WhereAny(rules);
    }

    /// <summary>
    /// A usable token beyond its owner's allowed number: at least that many of the owner's usable tokens were created
    /// before it (ties by name, unique per owner). Null when the policy sets no number.
    /// </summary>
    private static Expression<Func<ApiToken, bool>>? OverLimit(TokenDbContext db, TenantPolicySettings policy, DateTimeOffset now)
    {
        if (policy.MaxUsableTokensPerPerson is not { } most)
        {
            return null;
        }

        // string.Compare is translated to the database's comparison of the two columns; the order only has to be the same
        // in every query, which it is within one engine.
#pragma warning disable CA1309
        return t => db.Tokens.Count(o => o.OwnerId == t.OwnerId && o.RevokedAt == null && (o.ValidTo == null || o.ValidTo > now)
            && (o.CreatedAt < t.CreatedAt || (o.CreatedAt == t.CreatedAt && string.Compare(o.NameKey, t.NameKey) < 0))) >= most;
#pragma warning restore CA1309
    }

    private static async Task<int> PolicyVersionAsync(TokenDbContext db, Guid tenantId, CancellationToken ct) =>
        await db.Policies.Where(p => p.TenantId == tenantId).Select(p => (int?)p.Version).SingleOrDefaultAsync(ct) ?? 0;

    private static async Task<Result<PortalUser>> LoadAdminAsync(TokenDbContext db, Guid actorId, string refusal, CancellationToken ct)
    {
        var loaded = await LoadActorAsync(db, actorId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }

        return loaded.Value.Role == Role.FullAdmin ? loaded.Value : TokenError.Forbidden(refusal);
    }
}
