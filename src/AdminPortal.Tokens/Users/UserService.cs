using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Telemetry;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AdminPortal.Tokens.Users;

/// <summary>Users and tenants: created or updated at sign-in; deactivated and reactivated by full admins, audited.</summary>
public sealed partial class UserService(IDbContextFactory<TokenDbContext> contexts, TimeProvider clock, ILogger<UserService> logger, TokenChanges changes)
{
    /// <summary>
    /// Creates or updates the user (and their tenant) from a sign-in and records it. A deactivated user is returned
    /// unchanged in status: callers must refuse the sign-in when <see cref="PortalUser.IsActive"/> is false.
    /// </summary>
    public Task<PortalUser> SignInAsync(SignInProfile profile, CancellationToken ct = default) => UpsertAsync(profile, signingIn: true, ct);

    /// <summary>
    /// Updates the user (and their tenant) from what the identity provider says of them now, during a session: role,
    /// name and e-mail follow the provider, so their tokens follow the new role at once; no sign-in is recorded (the
    /// "last sign-in" stays the person's own).
    /// </summary>
    public Task<PortalUser> UpdateFromProviderAsync(SignInProfile profile, CancellationToken ct = default) => UpsertAsync(profile, signingIn: false, ct);

    private async Task<PortalUser> UpsertAsync(SignInProfile profile, bool signingIn, CancellationToken ct)
    {
        try
        {
            return await UpsertOnceAsync(profile, signingIn, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // A concurrent first sign-in (of this person, or of another in the same new tenant; another tab or node) added
            // the tenant or user first. It is committed now, so the second attempt finds and updates it. (On SQLite a
            // transaction takes the write lock as it begins, BEGIN IMMEDIATE: there the two never overlap.)
            return await UpsertOnceAsync(profile, signingIn, ct);
        }
    }

    private async Task<PortalUser> UpsertOnceAsync(SignInProfile profile, bool signingIn, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Key == profile.TenantKey, ct);
        if (tenant is null)
        {
            tenant = Tenant.Create(profile.TenantKey, profile.TenantName, now);
            db.Tenants.Add(tenant);
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.TenantId == tenant.Id && u.SubjectId == profile.SubjectId, ct);
        var identityChanged = user is not null && (user.Role != profile.Role || user.DisplayName != profile.DisplayName);
        if (user is null)
        {
            user = PortalUser.Create(tenant.Id, profile.SubjectId, profile.DisplayName, profile.Email, profile.Role, now);
            db.Users.Add(user);
        }
        else
        {
            user.UpdateProfile(profile.DisplayName, profile.Email, profile.Role);
        }

        if (signingIn && user.IsActive)
        {
            user.RecordSignIn(now);
        }

        await db.SaveChangesAsync(ct);
        if (identityChanged)
        {
            // A new role changes the effective scopes of the user's tokens; a new name their identity.
            await changes.CommitAsync(db, TokenChange.OfOwner(user.Id), TokenChangeKind.OwnerChanged, ct);
        }
        else
        {
            await tx.CommitAsync(ct);
        }

        return user;
    }

    /// <summary>
    /// The built-in operator of the tenant with <paramref name="tenantKey"/> (both created on first use), as the command
    /// line acts. An operator deactivated before <see cref="DeactivateAsync"/> refused it is reactivated here, audited,
    /// so that the command line can always act.
    /// </summary>
    public async Task<PortalUser> OperatorAsync(string tenantKey, string tenantName, CancellationToken ct = default)
    {
        var user = await SignInAsync(new SignInProfile(tenantKey, tenantName, BuiltInUsers.OperatorSubject, BuiltInUsers.OperatorName, "", Role.FullAdmin), ct);
        if (user.IsActive)
        {
            return user;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Attach(user);
        user.Reactivate();
        db.Audit.Add(AuditEntry.Record(user, clock.GetUtcNow(), AuditAction.UserReactivated, AuditSummaries.ReactivatedBuiltIn(user), targetUserId: user.Id));
        await db.SaveChangesAsync(ct);
        await SetTokensOwnerStateAsync(db, user, ct);
        await changes.CommitAsync(db, TokenChange.OfOwner(user.Id), TokenChangeKind.OwnerReactivated, ct);
        Log.UserChanged(logger, AuditAction.UserReactivated, user.Id, user.Id);
        return user;
    }

    /// <summary>The users of the caller's tenant with their token counts, by name; full admins only.</summary>
    public async Task<Result<IReadOnlyList<UserView>>> ListAsync(Guid actorId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actor = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == actorId, ct);
        if (Refusal(actor) is { } refused)
        {
            return refused;
        }

        if (actor!.Role != Role.FullAdmin)
        {
            return TokenError.Forbidden("Only full admins can list the users of the organisation.");
        }

        var rows = await db.Users.AsNoTracking().Where(u => u.TenantId == actor.TenantId).OrderBy(u => u.DisplayName)
            .Select(u => new { User = u, Tokens = db.Tokens.Count(t => t.OwnerId == u.Id) })
            .ToListAsync(ct);
        IReadOnlyList<UserView> users = [.. rows.Select(r => new UserView(r.User.Id, r.User.DisplayName, r.User.Email, r.User.Role, r.User.IsActive,
            r.User.LastSignInAt, r.Tokens, BuiltInUsers.IsBuiltIn(r.User.SubjectId), IsCaller: r.User.Id == actor.Id,
            CanDeactivate: ChangeRefusal(actor, r.User, deactivate: true) is null,
            CanReactivate: ChangeRefusal(actor, r.User, deactivate: false) is null))];
        return Result<IReadOnlyList<UserView>>.Ok(users);
    }

    /// <summary>Deactivates a user of the caller's tenant: their tokens are suspended at once, not deleted.</summary>
    public Task<Result<PortalUser>> DeactivateAsync(Guid actorId, Guid userId, CancellationToken ct = default) =>
        ChangeAsync(actorId, userId, AuditAction.UserDeactivated, ct);

    /// <summary>Reactivates a user of the caller's tenant: the suspension of their tokens is lifted.</summary>
    public Task<Result<PortalUser>> ReactivateAsync(Guid actorId, Guid userId, CancellationToken ct = default) =>
        ChangeAsync(actorId, userId, AuditAction.UserReactivated, ct);

    private Task<Result<PortalUser>> ChangeAsync(Guid actorId, Guid userId, AuditAction action, CancellationToken ct) =>
        PortalTelemetry.TraceAsync(action == AuditAction.UserDeactivated ? "UserService.Deactivate" : "UserService.Reactivate", actorId, userId,
            () => StorageGuard.RunAsync(() => ChangeCoreAsync(actorId, userId, action, ct)));

    /// <summary>
    /// Why <paramref name="actor"/> (a full admin of the user's tenant) may not deactivate (or reactivate) <paramref name="user"/>
    /// now, or null: the one rule behind both the change and the offer of it in <see cref="UserView"/>.
    /// </summary>
    private static TokenError? ChangeRefusal(PortalUser actor, PortalUser user, bool deactivate)
    {
        if (user.Id == actor.Id)
        {
            return TokenError.Forbidden("You cannot deactivate or reactivate yourself.");
        }

        if (deactivate && BuiltInUsers.IsBuiltIn(user.SubjectId))
        {
            // The command line acts as this user: deactivated, it could do nothing, and could not undo it either.
            return TokenError.Forbidden($"{user.DisplayName} is built in: it cannot be deactivated, so that the command line can always act.");
        }

        return user.IsActive != deactivate
            ? new TokenError(TokenErrorCode.InvalidState, $"{user.DisplayName} is already {(deactivate ? "deactivated" : "active")}.")
            : null;
    }

    private async Task<Result<PortalUser>> ChangeCoreAsync(Guid actorId, Guid userId, AuditAction action, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var actor = await db.Users.SingleOrDefaultAsync(u => u.Id == actorId, ct);
        if (Refusal(actor) is { } refused)
        {
            return refused;
        }

        if (actor!.Role != Role.FullAdmin)
        {
            return TokenError.Forbidden("Only full admins can deactivate or reactivate users.");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && u.TenantId == actor.TenantId, ct);
        if (user is null)
        {
            return TokenError.NotFound("User");
        }

        var deactivate = action == AuditAction.UserDeactivated;
        if (ChangeRefusal(actor, user, deactivate) is { } refusal)
        {
            return refusal;
        }

        var now = clock.GetUtcNow();
        if (deactivate)
        {
            user.Deactivate(now);
        }
        else
        {
            user.Reactivate();
        }

        var summary = deactivate ? AuditSummaries.Deactivated(user) : AuditSummaries.Reactivated(user);
        db.Audit.Add(AuditEntry.Record(actor, now, action, summary, targetUserId: user.Id));
        await db.SaveChangesAsync(ct);
        await SetTokensOwnerStateAsync(db, user, ct);
        await changes.CommitAsync(db, TokenChange.OfOwner(user.Id), deactivate ? TokenChangeKind.OwnerDeactivated : TokenChangeKind.OwnerReactivated, ct);
        Log.UserChanged(logger, action, user.Id, actor.Id);
        return user;
    }

    /// <summary>
    /// Copies the user's state onto their tokens (<see cref="ApiToken.OwnerIsActive"/>, which the status filters read), in
    /// the transaction that changed it, after the user's row: a token created meanwhile waits for that row's lock and
    /// re-checks the owner (TokenService).
    /// </summary>
    private static Task<int> SetTokensOwnerStateAsync(TokenDbContext db, PortalUser user, CancellationToken ct)
    {
        var active = user.IsActive;
        return db.Tokens.Where(t => t.OwnerId == user.Id && t.OwnerIsActive != active).ExecuteUpdateAsync(s => s.SetProperty(t => t.OwnerIsActive, active), ct);
    }

    /// <summary>An unknown or deactivated caller is refused as such, before any role check (as the token service does).</summary>
    private static TokenError? Refusal(PortalUser? actor) => actor switch
    {
        null => TokenError.Forbidden("Unknown user."),
        { IsActive: false } => TokenError.Forbidden("Your account is deactivated."),
        _ => null,
    };
}
