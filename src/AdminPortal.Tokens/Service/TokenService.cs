using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Service;

/// <summary>
/// The one place where the rules of tokens live: create, edit, revoke, restore, roll, delete and list,
/// each checking the caller's tenant, role and ownership itself, each audited in the same transaction.
/// </summary>
public sealed partial class TokenService(
    IDbContextFactory<TokenDbContext> contexts,
    TimeProvider clock,
    ScopeCatalog catalog,
    TokenSecrets secrets,
    IOptions<TokenOptions> options,
    ILogger<TokenService> logger,
    TokenChanges changes)
{
    private readonly TokenOptions _options = options.Value;

    /// <summary>The scopes <paramref name="actorId"/> holds now, for scope pickers and filters.</summary>
    public async Task<Result<IReadOnlySet<string>>> ScopesHeldByAsync(Guid actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await LoadActorAsync(db, actorId, ct);
        return actor.Succeeded ? Result<IReadOnlySet<string>>.Ok(catalog.ScopesOf(actor.Value.Role)) : actor.Error;
    }

    private static async Task<Result<PortalUser>> LoadActorAsync(TokenDbContext db, Guid actorId, CancellationToken ct)
    {
        var actor = await db.Users.SingleOrDefaultAsync(u => u.Id == actorId, ct);
        if (actor is null)
        {
            return TokenError.Forbidden("Unknown user.");
        }

        return actor.IsActive ? actor : TokenError.Forbidden("Your account is deactivated.");
    }

    private static Task<ApiToken?> FindVisibleAsync(TokenDbContext db, PortalUser actor, Guid tokenId, CancellationToken ct) =>
        db.Tokens.VisibleTo(actor).Include(t => t.Owner).Include(t => t.ScopeRows).SingleOrDefaultAsync(t => t.Id == tokenId, ct);

    /// <summary>Takes the owner's row lock so that limit checks cannot race (a no-op cost in SQLite, which locks the file).</summary>
    private static Task<int> LockOwnerAsync(TokenDbContext db, Guid ownerId, CancellationToken ct) =>
        db.Users.Where(u => u.Id == ownerId).ExecuteUpdateAsync(s => s.SetProperty(u => u.WriteSerial, u => u.WriteSerial + 1), ct);

    /// <summary>
    /// Refuses one more usable token to an owner who holds the most allowed: the portal's configured maximum, or the
    /// tenant policy's when that is lower (then the refusal names the policy).
    /// </summary>
    private async Task<TokenError?> CheckLimitAsync(TokenDbContext db, Guid ownerId, Guid? except, DateTimeOffset now, TenantPolicySettings policy, CancellationToken ct)
    {
        var byPolicy = policy.MaxUsableTokensPerPerson is { } most && most < _options.MaxUsableTokensPerOwner;
        var limit = byPolicy ? policy.MaxUsableTokensPerPerson!.Value : _options.MaxUsableTokensPerOwner;
        var usable = await db.Tokens.Where(t => t.OwnerId == ownerId && t.Id != except).Where(TokenFilters.IsUsable(now)).CountAsync(ct);
        if (usable < limit)
        {
            return null;
        }

        return byPolicy
            ? TokenPolicyRules.TooManyTokens(limit)
            : new TokenError(TokenErrorCode.LimitReached,
                $"The owner already has {_options.MaxUsableTokensPerOwner} usable tokens, the most allowed. Revoke or delete one first.");
    }

    private static Task<bool> NameTakenAsync(TokenDbContext db, Guid ownerId, string name, Guid? except, CancellationToken ct)
    {
        var key = ApiToken.NormalizeName(name);
        return db.Tokens.AnyAsync(t => t.OwnerId == ownerId && t.NameKey == key && t.Id != except, ct);
    }

    private static TokenError NameTaken(string name) =>
        new(TokenErrorCode.NameTaken, $"You already have a token named '{name}'. Choose another name.", "Name");

    /// <summary>The scopes <paramref name="actor"/> may grant on a token of <paramref name="owner"/>: held by both.</summary>
    private IReadOnlySet<string> GrantableScopes(PortalUser actor, PortalUser owner)
    {
        var held = catalog.ScopesOf(actor.Role);
        return actor.Id == owner.Id ? held : held.Intersect(catalog.ScopesOf(owner.Role), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// A scope that <paramref name="draft"/> grants beyond <see cref="TokenDraft.GrantableWithin"/> (the calling API token's
    /// scopes); scopes the token already has (<paramref name="kept"/>) stay.
    /// </summary>
    private static TokenError? BeyondCallingToken(TokenDraft draft, IReadOnlyCollection<string> kept)
    {
        if (draft.GrantableWithin is not { } within)
        {
            return null;
        }

        var beyond = (draft.Scopes ?? []).Select(s => s?.Trim() ?? "").FirstOrDefault(s => s.Length > 0 && !within.Contains(s) && !kept.Contains(s));
        return beyond is null
            ? null
            : new TokenError(TokenErrorCode.ScopeNotHeld,
                $"The calling token does not hold '{(beyond.Length <= 100 ? beyond : beyond[..100])}': a token can only grant scopes it holds itself.", "Scopes");
    }

    private DateTimeOffset Now() => clock.GetUtcNow();

    /// <summary>The span of an operation: "TokenService.Revoke" for RevokeAsync.</summary>
    private static string SpanName(string method) => $"TokenService.{(method.EndsWith("Async", StringComparison.Ordinal) ? method[..^5] : method)}";

    /// <summary>What an audited change of one token did, as counted in the telemetry.</summary>
    private static TokenChangeKind ChangeKind(AuditAction action) => action switch
    {
        AuditAction.TokenCreated => TokenChangeKind.Created,
        AuditAction.TokenEdited => TokenChangeKind.Edited,
        AuditAction.TokenRevoked => TokenChangeKind.Revoked,
        AuditAction.TokenRestored => TokenChangeKind.Restored,
        AuditAction.TokenRolled => TokenChangeKind.Rolled,
        AuditAction.TokenDeleted => TokenChangeKind.Deleted,
        _ => TokenChangeKind.Other,
    };

    private TokenView ToView(ApiToken token, Guid viewerId, DateTimeOffset now, IReadOnlyDictionary<Guid, DateTimeOffset>? graces = null) =>
        TokenViews.From(token, token.Owner, viewerId, now, _options.UsageActiveWindow,
            graces is not null && graces.TryGetValue(token.Id, out var until) ? OldSecretValidUntil(token, until, now) : null);

    /// <summary>
    /// The end of the grace period of each of <paramref name="tokenIds"/> that has a rolled-away secret still in it (a roll
    /// ends the previous one's, so there is at most one per token): one indexed read per listing page.
    /// </summary>
    private static async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GraceUntilAsync(TokenDbContext db, IReadOnlyCollection<Guid> tokenIds, DateTimeOffset now, CancellationToken ct)
    {
        if (tokenIds.Count == 0)
        {
            return new Dictionary<Guid, DateTimeOffset>();
        }

        var rows = await db.RetiredSecrets.AsNoTracking()
            .Where(r => tokenIds.Contains(r.TokenId) && r.GraceUntil > now)
            .Select(r => new { r.TokenId, r.GraceUntil })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.TokenId).ToDictionary(g => g.Key, g => g.Max(r => r.GraceUntil));
    }

    /// <summary>Until when the old secret works: its grace, bounded by the token's own validity; null when it no longer does.</summary>
    private static DateTimeOffset? OldSecretValidUntil(ApiToken token, DateTimeOffset graceUntil, DateTimeOffset now)
    {
        var until = token.ValidTo is { } end && end < graceUntil ? end : graceUntil;
        return token.IsUsableAt(now) && until > now ? until : null;
    }
}
