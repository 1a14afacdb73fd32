using System.Runtime.CompilerServices;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Telemetry;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    private static readonly TokenError Stale = new(TokenErrorCode.Conflict,
        "Someone else changed this token after you opened it. Their change was kept; reload to see it and try again.");

    /// <summary>
    /// Changes name, description, scopes and validity under the create rules. <paramref name="expectedVersion"/> is the
    /// version the caller read: a stale edit fails with <see cref="TokenErrorCode.Conflict"/> and changes nothing.
    /// </summary>
    public async Task<Result<TokenView>> EditAsync(Guid actorId, Guid tokenId, int expectedVersion, TokenDraft draft, CancellationToken ct = default)
    {
        return await ChangeAsync(actorId, tokenId, async (db, actor, token, now) =>
        {
            if (token.Version != expectedVersion)
            {
                return Stale;
            }

            if (BeyondCallingToken(draft, token.Scopes) is { } beyond)
            {
                return beyond;
            }

            var details = TokenRules.Validate(draft, catalog, GrantableScopes(actor, token.Owner), now, _options.ClockSkew, token);
            if (!details.Succeeded)
            {
                return details.Error;
            }

            // The policy applies to what the edit changes: a token that broke it before may still be renamed.
            var policy = await LoadPolicyAsync(db, token.TenantId, ct);
            var added = details.Value.Scopes.Except(token.Scopes, StringComparer.Ordinal).ToList();
            if (PolicyRefusal(policy, actor, token.Owner, added, details.Value.ValidTo, now, checkLifetime: details.Value.ValidTo != token.ValidTo) is { } byPolicy)
            {
                return byPolicy;
            }

            if (AllowListPolicyProblem(policy, details.Value) is { } allowList)
            {
                return allowList;
            }

            if (ApiToken.NormalizeName(details.Value.Name) != token.NameKey && await NameTakenAsync(db, token.OwnerId, details.Value.Name, token.Id, ct))
            {
                return NameTaken(details.Value.Name);
            }

            var becomesUsable = !token.IsUsableAt(now) && token.RevokedAt is null && (details.Value.ValidTo is null || details.Value.ValidTo > now);
            if (becomesUsable && await LockAndCheckLimitAsync(db, token, now, policy, ct) is { } limit)
            {
                return limit;
            }

            var summary = AuditSummaries.Edited(TokenSnapshot.Of(token), TokenSnapshot.Of(details.Value));
            if (summary.Length == 0)
            {
                return Change.Nothing;
            }

            token.Change(details.Value);
            return new Audited(AuditAction.TokenEdited, summary);
        }, ct);
    }

    /// <summary>
    /// Revokes at once: the token stops authenticating and its effective valid-to becomes now; the grace period of a
    /// rolled-away secret ends too (a restore does not bring it back). Refused if already revoked or expired.
    /// </summary>
    public Task<Result<TokenView>> RevokeAsync(Guid actorId, Guid tokenId, CancellationToken ct = default) =>
        ChangeAsync(actorId, tokenId, async (db, actor, token, now) =>
        {
            if (!token.IsUsableAt(now))
            {
                return new TokenError(TokenErrorCode.InvalidState,
                    $"'{token.Name}' is already {(token.RevokedAt is null ? "expired" : "revoked")}; there is nothing to revoke.");
            }

            token.Revoke(actor, now);
            await EndGraceAsync(db, token.Id, now, ct);
            return new Audited(AuditAction.TokenRevoked, AuditSummaries.Revoked(token));
        }, ct);

    /// <summary>Makes a revoked token usable again, if its original valid-to has not passed and the owner's limit allows.</summary>
    public Task<Result<TokenView>> RestoreAsync(Guid actorId, Guid tokenId, CancellationToken ct = default) =>
        ChangeAsync(actorId, tokenId, async (db, actor, token, now) =>
        {
            if (token.RevokedAt is null)
            {
                return new TokenError(TokenErrorCode.InvalidState, $"'{token.Name}' is not revoked; there is nothing to restore.");
            }

            if (token.ValidTo is { } end && end <= now)
            {
                return new TokenError(TokenErrorCode.InvalidState, $"'{token.Name}' has expired and can no longer be restored.");
            }

            // A restored token is usable again, so it must keep the policy as a new one would.
            var policy = await LoadPolicyAsync(db, token.TenantId, ct);
            if (PolicyRefusal(policy, actor, token.Owner, token.Scopes, token.ValidTo, now) is { } byPolicy)
            {
                return byPolicy;
            }

            if (await LockAndCheckLimitAsync(db, token, now, policy, ct) is { } limit)
            {
                return limit;
            }

            token.Restore();
            return new Audited(AuditAction.TokenRestored, AuditSummaries.Restored(token));
        }, ct);

    /// <summary>
    /// Replaces the secret of a usable token. The old secret keeps working for <paramref name="grace"/> (none: it stops at
    /// once), at most what the tenant's policy allows (<see cref="RotationGrace"/>); a secret rolled away earlier whose
    /// grace has not ended stops now, so that at most two secrets work at a time. Only the owner may roll.
    /// </summary>
    public async Task<Result<CreatedToken>> RollAsync(Guid actorId, Guid tokenId, TimeSpan grace = default, CancellationToken ct = default)
    {
        string? secret = null;
        var rolled = await ChangeAsync(actorId, tokenId, async (db, actor, token, now) =>
        {
            if (TokenOffers.RollRefusal(actor.Id, token, now) is { } refusal)
            {
                return refusal;
            }

            if (RotationGrace.Refusal(grace, await LoadPolicyAsync(db, token.TenantId, ct)) is { } tooLong)
            {
                return tooLong;
            }

            await EndGraceAsync(db, token.Id, now, ct);
            var retired = RetiredSecret.Of(token, now, grace);
            db.RetiredSecrets.Add(retired);
            (secret, var hash) = secrets.Issue();
            token.Roll(hash);
            return new Audited(AuditAction.TokenRolled, AuditSummaries.Rolled(token, OldSecretValidUntil(token, retired.GraceUntil, now)));
        }, ct);
        return rolled.Succeeded ? new CreatedToken(rolled.Value, secret!) : rolled.Error;
    }

    /// <summary>The grace periods a roll of the caller's tokens may give under their tenant's policy, shortest first.</summary>
    public async Task<Result<IReadOnlyList<GraceChoice>>> GraceChoicesAsync(Guid actorId, CancellationToken ct = default) =>
        await ReadAsync<IReadOnlyList<GraceChoice>>(actorId, async (db, actor) =>
            Result<IReadOnlyList<GraceChoice>>.Ok(RotationGrace.ChoicesUnder(await LoadPolicyAsync(db, actor.TenantId, ct))), ct);

    /// <summary>Ends, at <paramref name="now"/>, the grace of every rolled-away secret of the token still in it (in the caller's transaction).</summary>
    private static Task<int> EndGraceAsync(TokenDbContext db, Guid tokenId, DateTimeOffset now, CancellationToken ct) =>
        db.RetiredSecrets.Where(r => r.TokenId == tokenId && r.GraceUntil > now).ExecuteUpdateAsync(s => s.SetProperty(r => r.GraceUntil, now), ct);

    /// <summary>Deletes a token; its audit entries remain.</summary>
    public async Task<Result<Guid>> DeleteAsync(Guid actorId, Guid tokenId, CancellationToken ct = default)
    {
        var deleted = await ChangeAsync(actorId, tokenId, (db, _, token, _) =>
        {
            db.Tokens.Remove(token);
            return Task.FromResult<Change>(new Audited(AuditAction.TokenDeleted, AuditSummaries.Deleted(token)));
        }, ct);
        return deleted.Succeeded ? deleted.Value.Id : deleted.Error;
    }

    private async Task<TokenError?> LockAndCheckLimitAsync(TokenDbContext db, ApiToken token, DateTimeOffset now, TenantPolicySettings policy, CancellationToken ct)
    {
        await LockOwnerAsync(db, token.OwnerId, ct);
        return await CheckLimitAsync(db, token.OwnerId, token.Id, now, policy, ct);
    }

    /// <summary>
    /// The frame of every change: one transaction; the caller must be active and see the token; the change and its
    /// audit entry are saved together; a concurrent change makes it fail as a conflict, with nothing written.
    /// </summary>
    private Task<Result<TokenView>> ChangeAsync(
        Guid actorId, Guid tokenId, Func<TokenDbContext, PortalUser, ApiToken, DateTimeOffset, Task<Change>> change, CancellationToken ct,
        [CallerMemberName] string operation = "") =>
        PortalTelemetry.TraceAsync(SpanName(operation), actorId, tokenId, () => StorageGuard.RunAsync(() => ChangeCoreAsync(actorId, tokenId, change, ct)));

    private async Task<Result<TokenView>> ChangeCoreAsync(
        Guid actorId, Guid tokenId, Func<TokenDbContext, PortalUser, ApiToken, DateTimeOffset, Task<Change>> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var loaded = await LoadActorAsync(db, actorId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }

        var actor = loaded.Value;
        var token = await FindVisibleAsync(db, actor, tokenId, ct);
        if (token is null)
        {
            return TokenError.NotFound();
        }

        var now = Now();
        var outcome = await change(db, actor, token, now);
        if (outcome.Error is { } error)
        {
            return error;
        }

        if (outcome.Audit is { } audit)
        {
            db.Audit.Add(AuditEntry.Record(actor, now, audit.Action, audit.Summary, token.Id));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Stale;
            }

            await changes.CommitAsync(db, TokenChange.OfToken(token.Id), ChangeKind(audit.Action), ct);
            Log.TokenChanged(logger, audit.Action, token.Id, actor.Id);
        }

        return ToView(token, actor.Id, now, await GraceUntilAsync(db, [token.Id], now, ct));
    }

    /// <summary>What a change did: an audited action, a refusal, or nothing (an edit that changed no field).</summary>
    private readonly record struct Change(Audited? Audit, TokenError? Error)
    {
        public static readonly Change Nothing = new(null, null);

        public static implicit operator Change(Audited audit) => new(audit, null);

        public static implicit operator Change(TokenError error) => new(null, error);
    }

    private sealed record Audited(AuditAction Action, string Summary);
}
