using System.Diagnostics;
using Npgsql;
using static System.FormattableString;

namespace AdminPortal.Bench;

/// <summary>
/// Loads the rows of <see cref="ScaleRows"/> into a migrated PostgreSQL database by binary COPY: the four tables' indexes
/// and constraints (keys, foreign keys, and the other tables' foreign keys to them) are dropped for the load and made
/// again after it, then the tables are vacuumed
/// and analysed (the planner's statistics and the visibility map that index-only scans need, as autovacuum would
/// leave them on a database that has been running).
/// </summary>
internal static class ScalePostgresLoader
{
    private static readonly string[] Tables = ["Users", "Tokens", "TokenScopes", "AuditEntries"];

    public static async Task LoadAsync(string connectionString, ScaleRows rows, Stopwatch watch, TextWriter output)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB'; SET synchronous_commit = off;");
        var (constraints, indexes) = await ReadSchemaAsync(connection);
        // Foreign keys before the keys they refer to.
        foreach (var (table, name, _) in constraints.OrderBy(c => c.Definition.StartsWith("FOREIGN KEY", StringComparison.Ordinal) ? 0 : 1))
        {
            await ExecuteAsync(connection, $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{name}\";");
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\";");
        }

        // The scope rows carry their token's copied columns already; the trigger that would read them from a token not yet
        // committed (the tokens go through another connection) is off for the load.
        await ExecuteAsync(connection, "ALTER TABLE \"TokenScopes\" DISABLE TRIGGER USER;");
        await CopyAsync(connection, "Users", ScaleColumns.Users, rows.Owners());
        // The scope rows go through a second connection at the same time as their tokens.
        await using (var second = new NpgsqlConnection(connectionString))
        {
            await second.OpenAsync();
            await using var tokens = await BeginAsync(connection, "Tokens", ScaleColumns.Tokens);
            await using var scopes = await BeginAsync(second, "TokenScopes", ScaleColumns.TokenScopes);
            foreach (var token in rows.Tokens())
            {
                Write(tokens, ScaleColumns.Tokens, token);
                foreach (var scope in token.Scopes)
                {
                    Write(scopes, ScaleColumns.TokenScopes, (token, scope));
                }
            }

            await tokens.CompleteAsync();
            await scopes.CompleteAsync();
        }

        output.WriteLine(Invariant($"  owners and tokens copied after {watch.Elapsed.TotalSeconds:N1} s"));

        // The tokens' tables whole first (keys, indexes, foreign keys, vacuumed and analysed), then the audit log's. Keys and
        // indexes on two connections at once (one built them one after another in 94 s at a million tokens, most of it on
        // one core): the keys first, which lock their table whole, then the indexes, which can be built side by side on one
        // table. The foreign keys (which need the keys they refer to) on one connection: each locks two tables, which two at
        // once could deadlock.
        var built = new List<(string Name, TimeSpan Took)>();
        var isAudit = ((string Table, string Name, string Definition) c) => c.Table == "AuditEntries" || c.Definition.Contains("\"AuditEntries\"", StringComparison.Ordinal);
        await CompleteAsync(connectionString, built, constraints.Where(c => !isAudit(c)).ToList(), indexes.Where(i => TableOf(i.Definition) != "AuditEntries").ToList());
        await ExecuteAsync(connection, "ALTER TABLE \"TokenScopes\" ENABLE TRIGGER USER;");
        await using (var check = new NpgsqlCommand(ScaleColumns.CopyMismatchSql(sqlite: false), connection))
        {
            if (await check.ExecuteScalarAsync() is long differing and not 0)
            {
                throw new InvalidOperationException($"{differing:N0} scope rows were loaded with copies that differ from their token's.");
            }
        }

        await ExecuteAsync(connection, "VACUUM (ANALYZE) " + string.Join(", ", Tables.Where(t => t != "AuditEntries").Select(t => $"\"{t}\"")) + ";");
        output.WriteLine(Invariant($"  tokens complete (keys, indexes, scope rows' copies checked, vacuumed and analysed) after {watch.Elapsed.TotalSeconds:N1} s"));

        await CopyAsync(connection, "AuditEntries", ScaleColumns.AuditEntries, rows.Audit());
        output.WriteLine(Invariant($"  audit entries copied after {watch.Elapsed.TotalSeconds:N1} s"));
        await CompleteAsync(connectionString, built, constraints.Where(isAudit).ToList(), indexes.Where(i => TableOf(i.Definition) == "AuditEntries").ToList());
        await ExecuteAsync(connection, "VACUUM (ANALYZE) \"AuditEntries\";");
        output.WriteLine("  longest builds: " + string.Join(", ", built.OrderByDescending(b => b.Took).Take(4).Select(b => Invariant($"{b.Name} {b.Took.TotalSeconds:N1} s"))));
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        var bytes = (long)(await size.ExecuteScalarAsync())!;
        output.WriteLine(Invariant($"  generated with indexes, vacuumed and analysed in {watch.Elapsed.TotalSeconds:N1} s ({bytes / 1048576.0:N0} MB)"));
    }

    private static async Task CopyAsync<TRow>(NpgsqlConnection connection, string table, ScaleColumn<TRow>[] columns, IEnumerable<TRow> rows)
    {
        await using var importer = await BeginAsync(connection, table, columns);
        foreach (var row in rows)
        {
            Write(importer, columns, row);
        }

        await importer.CompleteAsync();
    }

    private static Task<NpgsqlBinaryImporter> BeginAsync<TRow>(NpgsqlConnection connection, string table, ScaleColumn<TRow>[] columns) =>
        connection.BeginBinaryImportAsync($"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");

    // Synchronous writes: the importer buffers and flushes to the socket only when its buffer is full.
    private static void Write<TRow>(NpgsqlBinaryImporter importer, ScaleColumn<TRow>[] columns, TRow row)
    {
        importer.StartRow();
        foreach (var column in columns)
        {
            switch (column.Value(row))
            {
                case null:
                    importer.WriteNull();
                    break;
                case IReadOnlyList<string> list:
                    importer.Write(list.ToArray(), column.Type);
                    break;
                case var value:
                    importer.Write(value, column.Type);
                    break;
            }
        }
    }

    /// <summary>The constraints (keys, unique, foreign keys) and the other indexes of the loaded tables, with their definitions.</summary>
    private static async Task<(List<(string Table, string Name, string Definition)> Constraints, List<(string Name, string Definition)> Indexes)> ReadSchemaAsync(NpgsqlConnection connection)
    {
        var tables = string.Join(", ", Tables.Select(t => $"'{t}'"));
        var constraints = new List<(string, string, string)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT c.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.contype IN ('p', 'u', 'f') AND c.relnamespace = 'public'::regnamespace
              AND (c.relname IN ({tables})
                OR (k.contype = 'f' AND k.confrelid IN (SELECT oid FROM pg_class WHERE relname IN ({tables}) AND relnamespace = 'public'::regnamespace)))
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                constraints.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var indexes = new List<(string, string)>();
        await using (var command = new NpgsqlCommand($"""
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ({tables})
              AND indexname NOT IN (SELECT conname FROM pg_constraint)
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        return (constraints, indexes);
    }

    /// <summary>Builds the keys and indexes (two connections), then the foreign keys (one) of <paramref name="constraints"/> and <paramref name="indexes"/>.</summary>
    private static async Task CompleteAsync(string connectionString, List<(string Name, TimeSpan Took)> built,
        List<(string Table, string Name, string Definition)> constraints, List<(string Name, string Definition)> indexes)
    {
        var isForeignKey = (string definition) => definition.StartsWith("FOREIGN KEY", StringComparison.Ordinal);
        var add = ((string Table, string Name, string Definition) c) => (c.Table, c.Name, $"ALTER TABLE \"{c.Table}\" ADD CONSTRAINT \"{c.Name}\" {c.Definition};");
        await BuildAsync(connectionString, built, constraints.Where(c => !isForeignKey(c.Definition)).Select(add)
            .Concat(indexes.Select(i => (Table: TableOf(i.Definition), i.Name, Sql: i.Definition + ";"))), connections: 2);
        await BuildAsync(connectionString, built, constraints.Where(c => isForeignKey(c.Definition)).Select(add), connections: 1);
    }

    /// <summary>
    /// Runs <paramref name="statements"/> in their order on <paramref name="connections"/>
    /// connections of their own, each taking the next when it is done; records how long each took.
    /// </summary>
    private static async Task BuildAsync(string connectionString, List<(string Name, TimeSpan Took)> built, IEnumerable<(string Table, string Name, string Sql)> statements, int connections)
    {
        var queue = new Queue<(string Table, string Name, string Sql)>(statements);
        async Task WorkAsync()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await ExecuteAsync(connection, "SET maintenance_work_mem = '512MB';");
            while (true)
            {
                (string Table, string Name, string Sql) next;
                lock (queue)
                {
                    if (!queue.TryDequeue(out next))
                    {
                        return;
                    }
                }

                var watch = Stopwatch.StartNew();
                await ExecuteAsync(connection, next.Sql);
                lock (built)
                {
                    built.Add((next.Name, watch.Elapsed));
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => WorkAsync()));
    }

    /// <summary>The table of an index's definition (<c>CREATE INDEX name ON public."Table" USING ...</c>).</summary>
    private static string TableOf(string indexDefinition)
    {
        var start = indexDefinition.IndexOf(" ON ", StringComparison.Ordinal) + 4;
        return indexDefinition[start..indexDefinition.IndexOf(" USING ", start, StringComparison.Ordinal)].Replace("public.", "", StringComparison.Ordinal).Trim('"');
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
