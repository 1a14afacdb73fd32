using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Cli;

/// <summary>
/// What commands act with: the domain services, and the built-in operator of a tenant — a full admin named
/// "Operator (command line)" (<see cref="BuiltInUsers"/>), created on first use, in whose name every command acts, so
/// that the audit log records that a change came from the command line. The user service refuses to deactivate it. Look-ups here only find users, tenants and tokens; every rule is the
/// token and user services'.
/// </summary>
internal sealed class OperatorContext(IDbContextFactory<TokenDbContext> contexts, TokenService tokens, UserService users)
{
    public TokenService Tokens => tokens;

    public UserService Users => users;

    /// <summary>The operator of <paramref name="tenantId"/>.</summary>
    public async Task<PortalUser> OperatorOfAsync(Guid tenantId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId, ct);
        return await users.OperatorAsync(tenant.Key, tenant.Name, ct);
    }

    /// <summary>
    /// The operator of the tenant named by key (created with the key as its name when no one has signed in yet: this is
    /// how a fresh installation gets its first automation token), or of the only tenant when no key is given.
    /// </summary>
    public async Task<PortalUser> OperatorOfAsync(string? tenantKey, CancellationToken ct)
    {
        if (tenantKey is null)
        {
            return await OperatorOfAsync((await TenantAsync(null, ct)).Id, ct);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var name = await db.Tenants.Where(t => t.Key == tenantKey).Select(t => t.Name).SingleOrDefaultAsync(ct) ?? tenantKey;
        return await users.OperatorAsync(tenantKey, name, ct);
    }

    /// <summary>The tenant named by key, or the only tenant when no key is given.</summary>
    public async Task<Tenant> TenantAsync(string? key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (key is not null)
        {
            return await db.Tenants.SingleOrDefaultAsync(t => t.Key == key, ct)
                ?? throw new CommandFailedException($"No tenant has the key '{key}'.");
        }

        var tenants = await db.Tenants.OrderBy(t => t.Key).Take(2).ToListAsync(ct);
        return tenants switch
        {
            [var only] => only,
            [] => throw new CommandFailedException("There is no tenant yet: a user must sign in to the portal first."),
            _ => throw new UsageException("There are several tenants: name one with --tenant <key>."),
        };
    }

    /// <summary>The user with this e-mail address or identity-provider subject (in the tenant, when a key is given).</summary>
    public async Task<PortalUser> UserAsync(string emailOrSubject, string? tenantKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var email = emailOrSubject.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL upper(); e-mail addresses compare ignoring ASCII case.
        var matches = db.Users.Where(u => u.SubjectId != BuiltInUsers.OperatorSubject && (u.SubjectId == emailOrSubject || u.Email.ToUpper() == email));
#pragma warning restore CA1304, CA1311, CA1862
        if (tenantKey is not null)
        {
            var tenant = await TenantAsync(tenantKey, ct);
            matches = matches.Where(u => u.TenantId == tenant.Id);
        }

        var found = await matches.OrderBy(u => u.Id).Take(2).ToListAsync(ct);
        return found switch
        {
            [var only] => only,
            [] => throw new CommandFailedException($"No user with the e-mail address or subject '{emailOrSubject}' has signed in."),
            _ => throw new UsageException($"'{emailOrSubject}' names users in several tenants: add --tenant <key>."),
        };
    }

    /// <summary>The tenant of a token, by its GUID.</summary>
    public async Task<Guid> TenantOfTokenAsync(Guid tokenId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tenants = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.TenantId).ToListAsync(ct);
        return tenants is [var tenant] ? tenant : throw new CommandFailedException($"No token has the GUID {tokenId}.");
    }
}
