using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Service;

/// <summary>What a full admin learns about a pasted secret that is a token of their tenant.</summary>
public sealed record SecretCheck(Guid TokenId, string Name, Guid OwnerId, string OwnerName, TokenValidity Validity, bool CanRevoke, int Version);

public sealed partial class TokenService
{
    /// <summary>
    /// Whether <paramref name="presented"/> is the secret of a token of the caller's tenant, and which (full admins only).
    /// A malformed secret, an unknown one and another tenant's token are all "not found". The secret is hashed and
    /// forgotten: it is neither stored nor logged, and the answer never contains it.
    /// </summary>
    public async Task<Result<SecretCheck>> CheckSecretAsync(Guid actorId, string? presented, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await LoadActorAsync(db, actorId, ct);
        if (!actor.Succeeded)
        {
            return actor.Error;
        }

        if (actor.Value.Role != Role.FullAdmin)
        {
            return TokenError.Forbidden("Only full admins can check a secret.");
        }

        if (string.IsNullOrWhiteSpace(presented) || secrets.TryHash(presented.Trim()) is not { } hash)
        {
            return new TokenError(TokenErrorCode.NotFound,
                "This is not a well-formed secret of this portal (prefix, length, characters or checksum): no token has it.");
        }

        var token = await db.Tokens.AsNoTracking().Include(t => t.Owner)
            .SingleOrDefaultAsync(t => t.SecretHash == hash && t.TenantId == actor.Value.TenantId, ct);
        if (token is null)
        {
            return new TokenError(TokenErrorCode.NotFound, "No token of your organisation has this secret.");
        }

        var view = ToView(token, actor.Value.Id, Now());
        return new SecretCheck(token.Id, token.Name, token.OwnerId, token.Owner.DisplayName, view.Validity, view.CanRevoke, token.Version);
    }
}
