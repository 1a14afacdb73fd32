using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Verifies presented secrets: malformed input and bad checksums are rejected before the database is asked;
/// a valid token's effective scopes are its scopes intersected with what its owner holds now.
/// </summary>
public sealed class TokenVerifier(
    IDbContextFactory<TokenDbContext> contexts,
    TokenSecrets secrets,
    ScopeCatalog catalog,
    UsageRecorder usage,
    TimeProvider clock)
{
    /// <summary>Verifies <paramref name="presented"/>; a valid call is recorded as usage from <paramref name="clientAddress"/>.</summary>
    public async Task<Verification> VerifyAsync(string? presented, string? clientAddress, CancellationToken ct = default)
    {
        var hash = secrets.TryHash(presented);
        if (hash is null)
        {
            return new Verification(VerifyOutcome.Malformed);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await db.Tokens.AsNoTracking().Include(t => t.Owner).SingleOrDefaultAsync(t => t.SecretHash == hash, ct);
        if (token is null || !SecretHasher.Matches(token.SecretHash, hash))
        {
            return new Verification(VerifyOutcome.Unknown);
        }

        var now = clock.GetUtcNow();
        var outcome = token.ValidityAt(now, token.Owner.IsActive) switch
        {
            TokenValidity.Valid => VerifyOutcome.Valid,
            TokenValidity.Scheduled => VerifyOutcome.NotYetValid,
            TokenValidity.Expired => VerifyOutcome.Expired,
            TokenValidity.Revoked => VerifyOutcome.Revoked,
            TokenValidity.Suspended => VerifyOutcome.OwnerDeactivated,
        };
        if (outcome != VerifyOutcome.Valid)
        {
            return new Verification(outcome);
        }

        usage.Record(token.Id, now, clientAddress);
        var held = catalog.ScopesOf(token.Owner.Role);
        var identity = new TokenIdentity(token.Id, token.Name, token.TenantId, token.OwnerId, token.Owner.DisplayName,
            token.Scopes.Where(held.Contains).ToHashSet(StringComparer.Ordinal), token.CreatedAt, token.ValidFrom, token.ValidTo);
        return new Verification(VerifyOutcome.Valid, identity);
    }
}
