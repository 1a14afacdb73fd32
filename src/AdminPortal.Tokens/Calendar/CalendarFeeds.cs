using System.Security.Cryptography;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Calendar;

/// <summary>
/// A person's calendar feed of their own tokens' expiries, read with a key of its own: never an API token, so that the
/// address a calendar application keeps (and may sync through third parties) opens nothing but this read-only list of
/// names and dates. The person makes, replaces and revokes the key; only its hash is stored; each change is audited.
/// </summary>
public sealed class CalendarFeeds(IDbContextFactory<TokenDbContext> contexts, TimeProvider clock, IOptions<TokenOptions> options)
{
    /// <summary>How long an expired token stays in the feed.</summary>
    public static readonly TimeSpan ExpiredShownFor = TimeSpan.FromDays(30);

    /// <summary>The most tokens a feed lists (soonest expiry first).</summary>
    public const int MaxEntries = 500;

    private const string KeyPrefix = "apcal_";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int KeyLength = 40;

    private static readonly System.Buffers.SearchValues<char> KeyCharacters = System.Buffers.SearchValues.Create(Alphabet);

    private readonly SecretHasher _hasher = new(options.Value.HashKey is { } key ? Convert.FromBase64String(key) : null);

    /// <summary>When the caller's feed key was made; null when they have none.</summary>
    public async Task<Result<DateTimeOffset?>> KeyCreatedAtAsync(Guid actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await ActiveUserAsync(db, actorId, ct);
        if (!actor.Succeeded)
        {
            return actor.Error;
        }

        return Result<DateTimeOffset?>.Ok(await db.CalendarFeedKeys.Where(k => k.UserId == actorId).Select(k => (DateTimeOffset?)k.CreatedAt).SingleOrDefaultAsync(ct));
    }

    /// <summary>Makes the caller's feed key, or replaces it (the old address stops working at once). The key is in the answer only.</summary>
    public Task<Result<string>> IssueKeyAsync(Guid actorId, CancellationToken ct = default) =>
        StorageGuard.RunAsync(() => IssueKeyCoreAsync(actorId, ct));

    private async Task<Result<string>> IssueKeyCoreAsync(Guid actorId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var actor = await ActiveUserAsync(db, actorId, ct);
        if (!actor.Succeeded)
        {
            return actor.Error;
        }

        var now = clock.GetUtcNow();
        var key = KeyPrefix + RandomNumberGenerator.GetString(Alphabet, KeyLength);
        var existing = await db.CalendarFeedKeys.SingleOrDefaultAsync(k => k.UserId == actorId, ct);
        if (existing is null)
        {
            db.CalendarFeedKeys.Add(new CalendarFeedKey(actor.Value, _hasher.Hash(key), now));
        }
        else
        {
            existing.Replace(_hasher.Hash(key), now);
        }

        db.Audit.Add(AuditEntry.Record(actor.Value, now, AuditAction.CalendarFeedKeyIssued,
            existing is null ? "Made a calendar feed address for their tokens' expiries." : "Replaced their calendar feed address; the previous one no longer works.",
            targetUserId: actorId));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return key;
    }

    /// <summary>Revokes the caller's feed key: its address answers 404 from now on.</summary>
    public Task<Result<bool>> RevokeKeyAsync(Guid actorId, CancellationToken ct = default) =>
        StorageGuard.RunAsync(() => RevokeKeyCoreAsync(actorId, ct));

    private async Task<Result<bool>> RevokeKeyCoreAsync(Guid actorId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var actor = await ActiveUserAsync(db, actorId, ct);
        if (!actor.Succeeded)
        {
            return actor.Error;
        }

        var existing = await db.CalendarFeedKeys.SingleOrDefaultAsync(k => k.UserId == actorId, ct);
        if (existing is null)
        {
            return new TokenError(TokenErrorCode.InvalidState, "You have no calendar feed address; there is nothing to revoke.");
        }

        db.CalendarFeedKeys.Remove(existing);
        db.Audit.Add(AuditEntry.Record(actor.Value, clock.GetUtcNow(), AuditAction.CalendarFeedKeyRevoked,
            "Revoked their calendar feed address.", targetUserId: actorId));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The feed a key opens: the names and valid-to of its person's own tokens that expire (not revoked; expired within
    /// <see cref="ExpiredShownFor"/> or later), soonest first. Null for an unknown, malformed or revoked key, or a
    /// deactivated person.
    /// </summary>
    public async Task<CalendarFeed?> ReadAsync(string? key, CancellationToken ct = default)
    {
        if (key is null || key.Length != KeyPrefix.Length + KeyLength || !key.StartsWith(KeyPrefix, StringComparison.Ordinal)
            || key.AsSpan(KeyPrefix.Length).ContainsAnyExcept(KeyCharacters))
        {
            return null;
        }

        var hash = _hasher.Hash(key);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var owner = await db.CalendarFeedKeys.Where(k => k.KeyHash == hash)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new { u.Id, u.TenantId, u.IsActive, u.DisplayName })
            .SingleOrDefaultAsync(ct);
        if (owner is not { IsActive: true })
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var since = now - ExpiredShownFor;
        var entries = await db.Tokens.AsNoTracking()
            .Where(t => t.TenantId == owner.TenantId && t.OwnerId == owner.Id && t.RevokedAt == null && t.ValidTo != null && t.ValidTo >= since)
            .OrderBy(t => t.ValidTo).ThenBy(t => t.GuidText)
            .Take(MaxEntries)
            .Select(t => new CalendarEntry(t.Id, t.Name, t.ValidTo!.Value))
            .ToListAsync(ct);
        return new CalendarFeed(owner.Id, entries, now);
    }

    private static async Task<Result<PortalUser>> ActiveUserAsync(TokenDbContext db, Guid actorId, CancellationToken ct)
    {
        var actor = await db.Users.SingleOrDefaultAsync(u => u.Id == actorId, ct);
        if (actor is null)
        {
            return TokenError.Forbidden("Unknown user.");
        }

        return actor.IsActive ? actor : TokenError.Forbidden("Your account is deactivated.");
    }
}

/// <summary>What a feed shows: its person's token expiries, as of <see cref="At"/>.</summary>
public sealed record CalendarFeed(Guid OwnerId, IReadOnlyList<CalendarEntry> Entries, DateTimeOffset At);

/// <summary>One token's expiry. The token's id only keys the event (hashed into its UID); it is never shown.</summary>
public sealed record CalendarEntry(Guid TokenId, string Name, DateTimeOffset ExpiresAt);
