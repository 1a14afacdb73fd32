using AdminPortal.Tokens.Model;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Api.Tests.Crash;

/// <summary>
/// What a SQLite file holds, read with plain SQL by the test (not by the product's code): tokens, users, audit entries
/// and the answers of <c>PRAGMA integrity_check</c> and <c>PRAGMA foreign_key_check</c>.
/// </summary>
internal sealed record StoreSnapshot(
    IReadOnlyList<string> Integrity,
    int ForeignKeyViolations,
    IReadOnlyDictionary<Guid, StoreSnapshot.TokenRow> Tokens,
    IReadOnlyDictionary<Guid, StoreSnapshot.UserRow> Users,
    IReadOnlyList<StoreSnapshot.AuditRow> Audit)
{
    public static async Task<StoreSnapshot> ReadAsync(string dataDirectory)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "adminportal.db")};Pooling=False");
        await connection.OpenAsync(ct);
        var integrity = await ListAsync(connection, "PRAGMA integrity_check", r => r.GetString(0));
        var foreignKeys = (await ListAsync(connection, "PRAGMA foreign_key_check", r => r.GetString(0))).Count;
        var tokens = await ListAsync(connection, "SELECT Id, RevokedAt IS NOT NULL, SecretHash, Description FROM Tokens",
            r => new TokenRow(Guid.Parse(r.GetString(0)), r.GetBoolean(1), r.GetString(2), r.GetString(3)));
        var users = await ListAsync(connection, "SELECT Id, Email, IsActive FROM Users",
            r => new UserRow(Guid.Parse(r.GetString(0)), r.GetString(1), r.GetBoolean(2)));
        var audit = await ListAsync(connection, "SELECT Id, Action, TokenId, TargetUserId FROM AuditEntries ORDER BY Id",
            r => new AuditRow(r.GetInt64(0), Enum.Parse<AuditAction>(r.GetString(1)),
                r.IsDBNull(2) ? null : Guid.Parse(r.GetString(2)), r.IsDBNull(3) ? null : Guid.Parse(r.GetString(3))));
        return new StoreSnapshot(integrity, foreignKeys, tokens.ToDictionary(t => t.Id), users.ToDictionary(u => u.Id), audit);
    }

    public UserRow User(string email) => Users.Values.Single(u => u.Email == email);

    public int Count(AuditAction action, Guid subject) =>
        Audit.Count(a => a.Action == action && (a.TokenId == subject || a.TargetUserId == subject));

    /// <summary>
    /// Everything that would show a half-written operation: a token without its creation entry (or with two), an entry
    /// about a token that is not there, a token whose revoked state disagrees with its last revoke/restore entry, a user
    /// whose active state disagrees with their last deactivate/reactivate entry. Empty when the store is whole.
    /// </summary>
    public IEnumerable<string> Inconsistencies()
    {
        foreach (var token in Tokens.Values)
        {
            var created = Count(AuditAction.TokenCreated, token.Id);
            if (created != 1)
            {
                yield return $"token {token.Id} has {created} creation entries";
            }

            var last = Audit.LastOrDefault(a => a.TokenId == token.Id && a.Action is AuditAction.TokenRevoked or AuditAction.TokenRestored);
            if (token.Revoked != (last?.Action == AuditAction.TokenRevoked))
            {
                yield return $"token {token.Id} is {(token.Revoked ? "" : "not ")}revoked but its last entry is {last?.Action.ToString() ?? "none"}";
            }
        }

        foreach (var orphan in Audit.Where(a => a.TokenId is { } id && !Tokens.ContainsKey(id)))
        {
            yield return $"audit entry {orphan.Id} ({orphan.Action}) names token {orphan.TokenId}, which is not there";
        }

        foreach (var user in Users.Values)
        {
            var last = Audit.LastOrDefault(a => a.TargetUserId == user.Id && a.Action is AuditAction.UserDeactivated or AuditAction.UserReactivated);
            if (user.Active != (last is null || last.Action == AuditAction.UserReactivated))
            {
                yield return $"user {user.Email} is {(user.Active ? "active" : "inactive")} but their last entry is {last?.Action.ToString() ?? "none"}";
            }
        }
    }

    private static async Task<List<T>> ListAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public sealed record TokenRow(Guid Id, bool Revoked, string SecretHash, string Description);

    public sealed record UserRow(Guid Id, string Email, bool Active);

    public sealed record AuditRow(long Id, AuditAction Action, Guid? TokenId, Guid? TargetUserId);
}
