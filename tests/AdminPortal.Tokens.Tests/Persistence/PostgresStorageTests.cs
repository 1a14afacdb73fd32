using AdminPortal.Testing;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdminPortal.Tokens.Tests.Persistence;

/// <summary>
/// PostgreSQL's own failures as storage failures: a refusal that says so, nothing half-written, and the status clears
/// with the next commit. (SQLite's are proven on a real full and read-only disk in the API tests' Crash folder.)
/// </summary>
public class PostgresStorageTests
{
    [Theory]
    [InlineData("53100", "the database server's disk is full")]
    [InlineData("25006", "the database is read-only")]
    [InlineData("53200", "the database server is out of memory")]
    [InlineData("57P01", "the database server is shutting down or starting")]
    [InlineData("08006", "the connection to the database server failed")]
    public void Postgres_errors_of_the_storage_are_storage_failures_named_for_the_operator(string sqlState, string reason)
    {
        var status = new StorageStatus(TimeProvider.System);

        var observed = status.Observe(new InvalidOperationException("wrapped", new PostgresException("failed", "ERROR", "ERROR", sqlState)));

        Assert.True(observed);
        Assert.Equal(reason, status.Failure?.Reason);
    }

    [Theory]
    [InlineData("23505")] // unique violation: a fault of the request, handled by the rules
    [InlineData("40001")] // serialization failure
    [InlineData("42P01")] // undefined table: a bug, not the storage
    public void Other_postgres_errors_are_not_storage_failures(string sqlState) =>
        Assert.False(StorageStatus.IsUnavailable(new PostgresException("failed", "ERROR", "ERROR", sqlState)));

    [Fact]
    public async Task Read_only_database_refuses_writes_as_storage_unavailable_and_recovers()
    {
        await using var world = await TokenWorld.StartAsync();
        Assert.SkipUnless(world.Engine == DatabaseProvider.Postgres, "PostgreSQL's read-only mode; SQLite's read-only disk is tested in the API tests.");
        var owner = await world.UserAsync();
        var database = new NpgsqlConnectionStringBuilder(world.ConnectionString).Database;
        await ServerAsync($"ALTER DATABASE {database} SET default_transaction_read_only = on");
        NpgsqlConnection.ClearAllPools();
        try
        {
            var refused = await world.Tokens.CreateAsync(owner.Id, TokenWorld.Draft("while read-only"));

            TokenWorld.Fails(refused, TokenErrorCode.StorageUnavailable);
            Assert.Equal("the database is read-only", world.Services.GetRequiredService<StorageStatus>().Failure?.Reason);
        }
        finally
        {
            await ServerAsync($"ALTER DATABASE {database} SET default_transaction_read_only = off");
            NpgsqlConnection.ClearAllPools();
        }

        await world.CreateAsync(owner, "after");
        Assert.Null(world.Services.GetRequiredService<StorageStatus>().Failure);
        Assert.Single(await world.AuditAsync(), a => a.Action == AuditAction.TokenCreated);
    }

    private static async Task ServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestPostgres.Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
