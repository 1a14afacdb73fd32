using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace AdminPortal.Tokens.Persistence;

/// <summary>Migrates the store when the host starts, before it serves anything.</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<TokenDbContext> contexts) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => TokenDatabase.MigrateAsync(contexts, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
