using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.SignIn;

/// <summary>
/// Development only: creates the demo users and, on an empty database, a handful of tokens in every state
/// (valid, scheduled, revoked, recently used, long unused), so that the first run shows a lived-in portal.
/// </summary>
internal sealed class DemoData(
    UserService users, TokenService tokens, UsageRecorder usage, IDbContextFactory<TokenDbContext> contexts, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, Guid>();
        foreach (var profile in DemoUsers.All)
        {
            people[profile.SubjectId] = (await users.SignInAsync(profile, cancellationToken)).Id;
        }

        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Tokens.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var now = clock.GetUtcNow();
        var admin = people["demo-admin"];
        await CreateAsync(admin, "Terraform CI", "Applies infrastructure changes from the main branch.", ["tokens:read", "tokens:write"], usedDaysAgo: 0.1);
        await CreateAsync(admin, "SIEM export", "Streams the audit log to the SIEM.", ["audit:read"], validTo: now.AddDays(90), usedDaysAgo: 12);
        await CreateAsync(admin, "Quarterly access review", "", ["audit:read", "tokens:read"], validFrom: now.AddDays(7), validTo: now.AddDays(14));
        var retired = await CreateAsync(admin, "Old deploy key", "Replaced by Terraform CI.", ["tokens:write"]);
        await tokens.RevokeAsync(admin, retired, cancellationToken);
        await CreateAsync(people["demo-user"], "Alert webhook", "Posts alerts to the on-call channel.", ["alerts:read", "alerts:write"], usedDaysAgo: 2);
        await CreateAsync(people["demo-user"], "Laptop script", "", ["tokens:read"]);
        await CreateAsync(people["demo-reader"], "Audit dashboard", "Read-only feed for the security dashboard.", ["audit:read"], usedDaysAgo: 1);
        await CreateAsync(people["demo-globex"], "Globex ingest", "", ["alerts:write"], usedDaysAgo: 3);
        await usage.FlushAsync(cancellationToken);

        async Task<Guid> CreateAsync(Guid owner, string name, string description, string[] scopes,
            DateTimeOffset? validFrom = null, DateTimeOffset? validTo = null, double? usedDaysAgo = null)
        {
            var created = await tokens.CreateAsync(owner, new TokenDraft
            {
                Name = name, Description = description, Scopes = scopes, ValidFrom = validFrom, ValidTo = validTo,
            }, cancellationToken);
            var id = created.Value?.Token.Id ?? throw new InvalidOperationException($"Demo token '{name}': {created.Error?.Message}");
            if (usedDaysAgo is { } days)
            {
                usage.Record(id, now.AddDays(-days), "192.0.2.10");
            }

            return id;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
