using System.Diagnostics;
using System.Text.Json;
using AdminPortal.Tokens.Persistence.Search;
using Microsoft.Data.Sqlite;
using static System.FormattableString;

namespace AdminPortal.Bench;

/// <summary>
/// Loads the rows of <see cref="ScaleRows"/> into a migrated SQLite file: prepared inserts in one transaction without a
/// journal, with the indexes and triggers dropped for the load and made again after it (building an index from sorted
/// data is much faster than keeping it up to date row by row); the FTS5 name index is then filled in one statement.
/// </summary>
internal static class ScaleSqliteLoader
{
    public static async Task LoadAsync(string path, ScaleRows rows, Stopwatch watch, TextWriter output)
    {
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            // No journal while loading (a fresh file: on failure it is thrown away), write-ahead logging again after.
            await ExecuteAsync(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;");
            // A second thread for the sorts of the index builds (SQLite's sorter merges in parallel with it).
            await ExecuteAsync(connection, "PRAGMA threads = 2;");
            var schema = await ReadSchemaAsync(connection);
            await using (var tx = connection.BeginTransaction())
            {
                foreach (var (type, name, _, _) in schema)
                {
                    await ExecuteAsync(connection, $"DROP {type} \"{name}\";", tx);
                }

                await InsertAsync(connection, tx, "Users", ScaleColumns.Users, rows.Owners());
                await using (var tokens = Prepare(connection, tx, "Tokens", ScaleColumns.Tokens))
                await using (var scopes = Prepare(connection, tx, "TokenScopes", ScaleColumns.TokenScopes))
                {
                    foreach (var token in rows.Tokens())
                    {
                        await RunAsync(tokens, ScaleColumns.Tokens, token);
                        foreach (var scope in token.Scopes)
                        {
                            await RunAsync(scopes, ScaleColumns.TokenScopes, (token, scope));
                        }
                    }
                }

                output.WriteLine(Invariant($"  owners and tokens inserted after {watch.Elapsed.TotalSeconds:N1} s"));
                // The tokens' tables whole first (indexes, the two name indexes, triggers), then the audit log.
                await RunAsync(connection, tx, schema.Where(s => s.Type == "INDEX" && s.Table != "AuditEntries"));
                output.WriteLine(Invariant($"  tokens' indexes built after {watch.Elapsed.TotalSeconds:N1} s"));
                await ExecuteAsync(connection, "DELETE FROM TokenNameSearch;", tx);
                await ExecuteAsync(connection, SqliteTokenNameSearch.FillSql, tx);
                await ExecuteAsync(connection, SqliteTokenNameSearch.FillGramsSql, tx);
                output.WriteLine(Invariant($"  name indexes filled after {watch.Elapsed.TotalSeconds:N1} s"));
                await RunAsync(connection, tx, schema.Where(s => s.Type == "TRIGGER" && s.Table != "AuditEntries"));
                await CheckCopiesAsync(connection, tx);
                output.WriteLine(Invariant($"  tokens complete (indexes, name indexes, triggers, scope rows' copies checked) after {watch.Elapsed.TotalSeconds:N1} s"));
                await InsertAsync(connection, tx, "AuditEntries", ScaleColumns.AuditEntries, rows.Audit());
                output.WriteLine(Invariant($"  audit entries inserted after {watch.Elapsed.TotalSeconds:N1} s"));
                await RunAsync(connection, tx, schema.Where(s => s.Table == "AuditEntries"));
                await tx.CommitAsync();
            }

            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;");
        }

        output.WriteLine(Invariant($"  generated with indexes in {watch.Elapsed.TotalSeconds:N1} s ({new FileInfo(path).Length / 1048576.0:N0} MB)"));
    }

    private static async Task InsertAsync<TRow>(SqliteConnection connection, SqliteTransaction tx, string table, ScaleColumn<TRow>[] columns, IEnumerable<TRow> rows)
    {
        await using var insert = Prepare(connection, tx, table, columns);
        foreach (var row in rows)
        {
            await RunAsync(insert, columns, row);
        }
    }

    private static SqliteCommand Prepare<TRow>(SqliteConnection connection, SqliteTransaction tx, string table, ScaleColumn<TRow>[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$p" + i });
        }

        command.Prepare();
        return command;
    }

    private static Task<int> RunAsync<TRow>(SqliteCommand command, ScaleColumn<TRow>[] columns, TRow row)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters[i].Value = columns[i].Value(row) switch
            {
                null => DBNull.Value,
                // EF Core's SQLite provider stores a Guid as upper-case text and a list of strings as JSON.
                Guid id => id.ToString("D").ToUpperInvariant(),
                IReadOnlyList<string> list => JsonSerializer.Serialize(list),
                var value => value,
            };
        }

        return command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(string Type, string Name, string Table, string Sql)>> ReadSchemaAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT upper(type), name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('Tokens', 'AuditEntries', 'Users', 'TokenScopes') AND sql IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<(string, string, string, string)>();
        while (await reader.ReadAsync())
        {
            items.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return items;
    }

    /// <summary>Makes the indexes and triggers of <paramref name="items"/> again (indexes first).</summary>
    private static async Task RunAsync(SqliteConnection connection, SqliteTransaction tx, IEnumerable<(string Type, string Name, string Table, string Sql)> items)
    {
        foreach (var item in items.OrderBy(i => i.Type == "INDEX" ? 0 : 1))
        {
            await ExecuteAsync(connection, item.Sql, tx);
        }
    }

    private static async Task CheckCopiesAsync(SqliteConnection connection, SqliteTransaction tx)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = ScaleColumns.CopyMismatchSql(sqlite: true);
        if (await command.ExecuteScalarAsync() is long differing and not 0)
        {
            throw new InvalidOperationException($"{differing:N0} scope rows were loaded with copies that differ from their token's.");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
