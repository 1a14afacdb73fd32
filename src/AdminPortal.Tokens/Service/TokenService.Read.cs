using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;

namespace AdminPortal.Tokens.Service;

public sealed partial class TokenService
{
    /// <summary>The frame of a read: one short-lived context, and the caller must be an active user.</summary>
    private async Task<Result<T>> ReadAsync<T>(Guid actorId, Func<TokenDbContext, PortalUser, Task<Result<T>>> read, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await LoadActorAsync(db, actorId, ct);
        return actor.Succeeded ? await read(db, actor.Value) : actor.Error;
    }

    /// <summary>A 1-based page number and a page size from 1 to <paramref name="maxPageSize"/>, or the error naming the field.</summary>
    private static TokenError? CheckPage(int page, int pageSize, int maxPageSize)
    {
        if (page < 1)
        {
            return TokenError.Invalid("Page", "Page must be 1 or more.");
        }

        return pageSize < 1 || pageSize > maxPageSize
            ? TokenError.Invalid("PageSize", $"Page size must be between 1 and {maxPageSize}.")
            : null;
    }
}
