using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Telemetry;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>
    /// Creates a token owned by the caller and returns its secret, once. Refused for a deactivated caller,
    /// in a tenant where only admins create tokens, for an invalid draft, a taken name or GUID, or when the
    /// caller already holds the most usable tokens allowed (checked under the owner's lock).
    /// </summary>
    public Task<Result<CreatedToken>> CreateAsync(Guid actorId, TokenDraft draft, CancellationToken ct = default) =>
        PortalTelemetry.TraceAsync(SpanName(nameof(CreateAsync)), actorId, draft.OwnerId, () => StorageGuard.RunAsync(() => CreateCoreAsync(actorId, draft, ct)));

    private async Task<Result<CreatedToken>> CreateCoreAsync(Guid actorId, TokenDraft draft, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var loaded = await LoadActorAsync(db, actorId, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error;
        }

        var actor = loaded.Value;
        var now = Now();
        var owner = await LoadOwnerAsync(db, actor, draft.OwnerId, ct);
        if (!owner.Succeeded)
        {
            return owner.Error;
        }

        var policy = await LoadPolicyAsync(db, actor.TenantId, ct);
        var refusal = await CheckCreateAsync(db, actor, owner.Value, draft, now, policy, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        if (BeyondCallingToken(draft, []) is { } beyond)
        {
            return beyond;
        }

        var details = TokenRules.Validate(draft, catalog, GrantableScopes(actor, owner.Value), now, _options.ClockSkew);
        if (!details.Succeeded)
        {
            return details.Error;
        }

        if (PolicyRefusal(policy, actor, owner.Value, details.Value.Scopes, details.Value.ValidTo, now) is { } byPolicy)
        {
            return byPolicy;
        }

        if (AllowListPolicyProblem(policy, details.Value) is { } allowList)
        {
            return allowList;
        }

        if (await NameTakenAsync(db, owner.Value.Id, details.Value.Name, null, ct))
        {
            return NameTaken(details.Value.Name);
        }

        var (secret, hash) = secrets.Issue();
        var token = ApiToken.Issue(draft.Id ?? Guid.NewGuid(), owner.Value, actor, details.Value, hash, now);
        db.Tokens.Add(token);
        db.Audit.Add(AuditEntry.Record(actor, now, AuditAction.TokenCreated, AuditSummaries.Created(token) + AuditSummaries.OwnedBy(owner.Value, actor), token.Id));
        await db.SaveChangesAsync(ct);
        await changes.CommitAsync(db, TokenChange.OfToken(token.Id), TokenChangeKind.Created, ct);
        Log.TokenChanged(logger, AuditAction.TokenCreated, token.Id, actor.Id);
        return new CreatedToken(ToView(token, actor.Id, now), secret);
    }

    private async Task<TokenError?> CheckCreateAsync(
        Persistence.TokenDbContext db, PortalUser actor, PortalUser owner, TokenDraft draft, DateTimeOffset now, TenantPolicySettings policy, CancellationToken ct)
    {
        if (policy.OnlyAdminsCreateTokens && actor.Role != Role.FullAdmin)
        {
            return TokenPolicyRules.OnlyAdminsCreate();
        }

        if (draft.Id is { } id)
        {
            if (id == Guid.Empty)
            {
                return TokenError.Invalid("Id", "The token GUID must not be empty.");
            }

            // A GUID is never used twice, not even after its token was deleted: the audit entries of the deleted token
            // still name it, and a new token with that GUID would make them "entries about my token" for its owner.
            if (await db.Tokens.AnyAsync(t => t.Id == id, ct) || await db.Audit.AnyAsync(a => a.TokenId == id, ct))
            {
                return new TokenError(TokenErrorCode.GuidTaken, "This GUID is already used by a token. Generate a new one.", "Id");
            }
        }

        // Under the owner's lock, which a deactivation takes too (it writes the owner's row before their tokens'
        // OwnerIsActive): an owner deactivated since they were loaded gets no token, whose stored state would be stale.
        await LockOwnerAsync(db, owner.Id, ct);
        if (!await db.Users.Where(u => u.Id == owner.Id).Select(u => u.IsActive).SingleAsync(ct))
        {
            return OwnerDeactivated(owner, actor);
        }

        return await CheckLimitAsync(db, owner.Id, null, now, policy, ct);
    }
}
