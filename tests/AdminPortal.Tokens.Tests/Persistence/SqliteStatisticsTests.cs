using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AdminPortal.Tokens.Tests.Persistence;

/// <summary>
/// SQLite's planner statistics are gathered off the start path: not while the host starts its services (their writes
/// would wait behind the statistics' write lock), but once every one of them has started.
/// </summary>
public sealed class SqliteStatisticsTests
{
    [Fact]
    public async Task Planner_statistics_are_gathered_once_the_host_has_started_and_not_while_it_starts()
    {
        await using var world = await TokenWorld.StartAsync(DatabaseProvider.Sqlite);
        var owner = await world.UserAsync();
        await world.CreateAsync(owner, "deploy");
        var ct = TestContext.Current.CancellationToken;
        var statistics = world.Services.GetServices<IHostedService>().OfType<SqliteStatistics>().Single();

        await statistics.StartingAsync(ct);
        await statistics.StartAsync(ct);
        // The host's other services start here and write; nothing may have been gathered yet.
        await world.CreateAsync(owner, "build");
        Assert.False(await HasStatisticsAsync(world));

        await statistics.StartedAsync(ct);
        while (!await HasStatisticsAsync(world))
        {
            await Task.Delay(10, ct);
        }

        await statistics.StopAsync(ct);
        await using var db = world.Db();
        var tokens = await db.Database.SqlQueryRaw<string>("SELECT stat AS Value FROM sqlite_stat1 WHERE tbl = 'Tokens'").ToListAsync(ct);
        Assert.NotEmpty(tokens);
    }

    private static async Task<bool> HasStatisticsAsync(TokenWorld world)
    {
        await using var db = world.Db();
        return await db.Database.SqlQueryRaw<long>("SELECT count(*) AS Value FROM sqlite_master WHERE name = 'sqlite_stat1'")
            .SingleAsync(TestContext.Current.CancellationToken) > 0;
    }
}
