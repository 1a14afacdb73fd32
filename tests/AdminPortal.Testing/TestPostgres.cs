using AdminPortal.Tokens;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminPortal.Testing;

/// <summary>
/// Throw-away databases on the test PostgreSQL cluster that <c>scripts/with-postgres</c> starts (and <c>scripts/test</c>
/// uses): its connection string is in <see cref="Variable"/>. Each test world gets a database of its own, copied from a
/// template that is migrated once per test process (<c>CREATE DATABASE ... TEMPLATE</c>, much faster than migrating each);
/// a world's database, once released, is emptied (<c>TRUNCATE</c>) and handed to the next world, which is faster still.
/// The cluster, and every database on it, is deleted when the run ends.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable with the cluster's connection string.</summary>
    public const string Variable = "ADMINPORTAL_TEST_POSTGRES";

    /// <summary>The environment variable that makes the domain and API tests run on PostgreSQL ("Postgres").</summary>
    public const string EngineVariable = "ADMINPORTAL_TEST_ENGINE";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Released = [];
    private static string? _template;

    /// <summary>Whether this test run asks for PostgreSQL as the engine of its worlds.</summary>
    public static bool IsSelected => string.Equals(Environment.GetEnvironmentVariable(EngineVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cluster's connection string (a superuser, database postgres).</summary>
    public static string Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{Variable} is not set: PostgreSQL tests need the test cluster. Run them as scripts/with-postgres dotnet test <project> " +
            "(scripts/test does this itself).");

    /// <summary>
    /// A new database with the token store's schema and no data (copied from the template, which the store's own
    /// migrations create once per process); returns its connection string. Give it back with
    /// <see cref="ReleaseDatabaseAsync"/> once nothing uses it any more.
    /// </summary>
    public static Task<string> CreateMigratedDatabaseAsync() => CreateDatabaseAsync(MigrateStoreAsync);

    /// <summary>
    /// A new, empty-of-data database migrated by <paramref name="migrate"/> (called once per process, on the template);
    /// returns its connection string.
    /// </summary>
    private static async Task<string> CreateDatabaseAsync(Func<string, Task> migrate)
    {
        if (Released.TryTake(out var reused))
        {
            return reused;
        }

        var template = await TemplateAsync(migrate);
        var name = "world_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY");
        return For(name);
    }

    /// <summary>
    /// Empties a database from <see cref="CreateMigratedDatabaseAsync"/> (every table but the migration history) and keeps it for
    /// the next world.
    /// </summary>
    public static async Task ReleaseDatabaseAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                DO $$ BEGIN
                  EXECUTE (SELECT 'TRUNCATE ' || string_agg(quote_ident(tablename), ', ') || ' RESTART IDENTITY CASCADE'
                           FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%');
                END $$
                """, connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            // Something of the ended world still wrote to it (seen once, in a CI run): dropped, with whatever still uses it,
            // rather than handed to the next world with writes that may land after the emptying.
            await DropDatabaseAsync(connectionString);
            return;
        }

        Released.Add(connectionString);
    }

    /// <summary>A new database with nothing in it (no tables); returns its connection string.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "empty_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE {name}");
        return For(name);
    }

    /// <summary>Drops the database of <paramref name="connectionString"/>, closing whatever still uses it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Migrates the token store's schema on <paramref name="connectionString"/>, as a host does at start.</summary>
    public static async Task MigrateStoreAsync(string connectionString)
    {
        var options = new DbContextOptionsBuilder<TokenDbContext>();
        TokenDomainRegistration.UseStore(options, new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }, ".");
        await using var db = new TokenDbContext(options.Options);
        await db.Database.MigrateAsync();
    }

    private static string For(string database) => new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;

    private static async Task<string> TemplateAsync(Func<string, Task> migrate)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is null)
            {
                var name = "template_" + Guid.NewGuid().ToString("N");
                await ExecuteAsync($"CREATE DATABASE {name}");
                var connection = For(name);
                await migrate(connection);

                // A template must have no open connections while it is copied.
                // Every pool: the store's connections carry options of their own (its own pool), and no idle one may stay
                // on the template.
                NpgsqlConnection.ClearAllPools();
                _template = name;
            }

            return _template;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
