using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Security;

/// <summary>
/// Migrates the portal's database before anything reads the cookies' key ring from it. Data protection loads the key
/// ring when the host starts, from a hosted service of its own that antiforgery registers before the token domain's
/// migrator; the key table comes with the migrations. Migrating again later (the token domain's migrator) finds nothing
/// to do.
/// </summary>
internal sealed class KeyStoreMigrator(IDbContextFactory<TokenDbContext> contexts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => TokenDatabase.MigrateAsync(contexts, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
