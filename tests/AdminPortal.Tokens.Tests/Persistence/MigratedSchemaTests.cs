using AdminPortal.Tokens.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Tests.Persistence;

public class MigratedSchemaTests
{
    /// <summary>
    /// The hand-written migration and the model must describe the same schema: a fresh database migrated by
    /// <see cref="TokenDatabase.MigrateAsync"/> is compared with one created from the model alone.
    /// </summary>
    [Fact]
    public async Task Migrated_schema_equals_the_schema_of_the_model()
    {
        await using var world = await TokenWorld.StartAsync();
        var fromModel = Path.Combine(world.Folder, "from-model.db");
        var options = new DbContextOptionsBuilder<TokenDbContext>().UseSqlite($"Data Source={fromModel}").Options;
        await using (var db = new TokenDbContext(options))
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        var migrated = Describe(world.DatabasePath);
        var expected = Describe(fromModel);

        // The data-protection key table is the web host's (its own context maps it): checked there, by signing in across restarts.
        // The FTS5 name index is not in the model (raw SQL of the ScaleListings migration): checked by the search tests.
        // SQLite adds a NOT NULL column only with a default, which the model does not declare: the only other difference.
        var comparable = migrated.Replace(DataProtectionKeysTable, "", StringComparison.Ordinal)
            .Replace("column EndsAt INTEGER not null pk=0 default=0", "column EndsAt INTEGER not null pk=0 default=", StringComparison.Ordinal)
            .Replace("column StartsAt INTEGER not null pk=0 default=0", "column StartsAt INTEGER not null pk=0 default=", StringComparison.Ordinal);
        Assert.Equal(expected, comparable);
        await using (var connection = new SqliteConnection($"Data Source={world.DatabasePath};Mode=ReadOnly"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            Assert.Equal("TokenNameSearch,Tokens_NameSearch_Delete,Tokens_NameSearch_Insert,Tokens_NameSearch_Update", Scalar(connection,
                "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE name IN ('TokenNameSearch') OR type = 'trigger' ORDER BY name)"));
        }

        Assert.Contains(DataProtectionKeysTable, migrated, StringComparison.Ordinal);
        Assert.Contains("table Tokens", migrated, StringComparison.Ordinal);
        Assert.Contains("index IX_Tokens_SecretHash unique (SecretHash)", migrated, StringComparison.Ordinal);
        Assert.Contains("index IX_Tokens_TenantId_OwnerId (TenantId, OwnerId)", migrated, StringComparison.Ordinal);
        Assert.Contains("index IX_Tokens_GuidText unique (GuidText)", migrated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_file_uses_write_ahead_logging_and_records_the_migration()
    {
        await using var world = await TokenWorld.StartAsync();

        await using var connection = new SqliteConnection($"Data Source={world.DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("20261129120000_InitialSchema,20261202080000_SignInAudit,20261202080100_DataProtectionKeys,20261202150000_ScaleListings",
            Scalar(connection, "SELECT group_concat(MigrationId, ',') FROM (SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId);"));
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        await using var world = await TokenWorld.StartAsync();
        var owner = await world.UserAsync();
        await world.CreateAsync(owner);

        await using var db = world.Db();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, await db.Tokens.CountAsync(TestContext.Current.CancellationToken));
    }

    private const string DataProtectionKeysTable = """
        table DataProtectionKeys
          column FriendlyName TEXT null pk=0 default=
          column Id INTEGER not null pk=1 default=
          column Xml TEXT null pk=0 default=

        """;

    private static string Describe(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        var lines = new List<string>();
        var tables = Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'TokenNameSearch%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') ORDER BY name")
            .Select(r => (string)r[0]!);
        foreach (var table in tables)
        {
            lines.Add($"table {table}");
            lines.AddRange(Rows(connection, $"PRAGMA table_info(\"{table}\")")
                .Select(c => $"  column {c[1]} {c[2]} {((long)c[3]! == 1 ? "not null" : "null")} pk={c[5]} default={c[4]}")
                .Order(StringComparer.Ordinal)); // a column added by a migration comes last, wherever the model has it

            lines.AddRange(Rows(connection, $"PRAGMA foreign_key_list(\"{table}\")")
                .Select(f => $"  foreign key ({f[3]}) -> {f[2]}({f[4]}) on delete {f[6]}").Order(StringComparer.Ordinal));
            foreach (var index in Rows(connection, $"PRAGMA index_list(\"{table}\")").Where(i => (string)i[3]! == "c").OrderBy(i => (string)i[1]!, StringComparer.Ordinal))
            {
                var columns = Rows(connection, $"PRAGMA index_info(\"{index[1]}\")").OrderBy(c => (long)c[0]!).Select(c => (string)c[2]!);
                lines.Add($"index {index[1]}{((long)index[2]! == 1 ? " unique" : "")} ({string.Join(", ", columns)})");
            }
        }

        return string.Join("\n", lines);
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    private static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
