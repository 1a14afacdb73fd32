using AdminPortal.Tokens.Model;
using NpgsqlTypes;

namespace AdminPortal.Bench;

/// <summary>An owner of the generated tenant (a row of <c>Users</c>).</summary>
internal sealed record OwnerRow(Guid Id, Guid TenantId, string SubjectId, string DisplayName, string Email, bool IsActive, long CreatedAt, long LastSignInAt, long? DeactivatedAt);

/// <summary>A generated token (a row of <c>Tokens</c>, and its scopes: rows of <c>TokenScopes</c>).</summary>
internal sealed record TokenRow(
    Guid Id, Guid TenantId, Guid OwnerId, bool OwnerIsActive, string Name, IReadOnlyList<string> Scopes, long CreatedAt, long? ValidFrom, long? ValidTo,
    long? RevokedAt, Guid? RevokedById, long? LastUsedAt, string? LastUsedFrom, string SecretHash)
{
    public string GuidText => ApiToken.FormatGuid(Id);

    public string NameKey => ApiToken.NormalizeName(Name);

    public long EndsAt => RevokedAt ?? ValidTo ?? DateTimeOffset.MaxValue.UtcTicks;

    public long StartsAt => ValidFrom ?? CreatedAt;
}

/// <summary>A generated audit entry (a row of <c>AuditEntries</c>; its id is the table's own).</summary>
internal sealed record AuditRow(Guid TenantId, long At, Guid ActorId, string ActorName, string Action, Guid? TokenId, string Summary);

/// <summary>One column a loader writes: its name, its PostgreSQL type (for binary COPY) and its value, engine-neutral.</summary>
internal sealed record ScaleColumn<TRow>(string Name, NpgsqlDbType Type, Func<TRow, object?> Value);

/// <summary>
/// The columns each loader writes, per table, in one place for both engines (SQLite: a prepared INSERT; PostgreSQL: a
/// binary COPY). Values are engine-neutral (Guid, long ticks, bool, string, list of scopes); each loader converts what
/// its engine stores differently (SQLite: a Guid as upper-case text, the scopes as JSON). A new column is one line here.
/// </summary>
internal static class ScaleColumns
{
    public static readonly ScaleColumn<OwnerRow>[] Users =
    [
        new("Id", NpgsqlDbType.Uuid, u => u.Id),
        new("TenantId", NpgsqlDbType.Uuid, u => u.TenantId),
        new("SubjectId", NpgsqlDbType.Varchar, u => u.SubjectId),
        new("DisplayName", NpgsqlDbType.Varchar, u => u.DisplayName),
        new("Email", NpgsqlDbType.Varchar, u => u.Email),
        new("Role", NpgsqlDbType.Varchar, _ => "User"),
        new("IsActive", NpgsqlDbType.Boolean, u => u.IsActive),
        new("CreatedAt", NpgsqlDbType.Bigint, u => u.CreatedAt),
        new("LastSignInAt", NpgsqlDbType.Bigint, u => u.LastSignInAt),
        new("DeactivatedAt", NpgsqlDbType.Bigint, u => u.DeactivatedAt),
        new("WriteSerial", NpgsqlDbType.Bigint, _ => 0L),
    ];

    public static readonly ScaleColumn<TokenRow>[] Tokens =
    [
        new("Id", NpgsqlDbType.Uuid, t => t.Id),
        new("GuidText", NpgsqlDbType.Varchar, t => t.GuidText),
        new("TenantId", NpgsqlDbType.Uuid, t => t.TenantId),
        new("OwnerId", NpgsqlDbType.Uuid, t => t.OwnerId),
        new("CreatedById", NpgsqlDbType.Uuid, t => t.OwnerId),
        new("Name", NpgsqlDbType.Varchar, t => t.Name),
        new("NameKey", NpgsqlDbType.Varchar, t => t.NameKey),
        new("Description", NpgsqlDbType.Varchar, _ => ""),
        new("Scopes", NpgsqlDbType.Array | NpgsqlDbType.Varchar, t => t.Scopes),
        new("CreatedAt", NpgsqlDbType.Bigint, t => t.CreatedAt),
        new("ValidFrom", NpgsqlDbType.Bigint, t => t.ValidFrom),
        new("ValidTo", NpgsqlDbType.Bigint, t => t.ValidTo),
        new("RevokedAt", NpgsqlDbType.Bigint, t => t.RevokedAt),
        new("RevokedById", NpgsqlDbType.Uuid, t => t.RevokedById),
        new("LastUsedAt", NpgsqlDbType.Bigint, t => t.LastUsedAt),
        new("LastUsedFrom", NpgsqlDbType.Varchar, t => t.LastUsedFrom),
        new("SecretHash", NpgsqlDbType.Varchar, t => t.SecretHash),
        new("Version", NpgsqlDbType.Integer, _ => 1),
        new("EndsAt", NpgsqlDbType.Bigint, t => t.EndsAt),
        new("StartsAt", NpgsqlDbType.Bigint, t => t.StartsAt),
        new("OwnerIsActive", NpgsqlDbType.Boolean, t => t.OwnerIsActive),
    ];

    /// <summary>One row per scope of a token: the value is (token, scope).</summary>
    public static readonly ScaleColumn<(TokenRow Token, string Scope)>[] TokenScopes =
    [
        new("TokenId", NpgsqlDbType.Uuid, s => s.Token.Id),
        new("Scope", NpgsqlDbType.Varchar, s => s.Scope),
        new("TenantId", NpgsqlDbType.Uuid, s => s.Token.TenantId),
        // The token's columns the database copies onto its scope rows (its triggers are off while loading).
        new("OwnerIsActive", NpgsqlDbType.Boolean, s => s.Token.OwnerIsActive),
        new("RevokedAt", NpgsqlDbType.Bigint, s => s.Token.RevokedAt),
        new("StartsAt", NpgsqlDbType.Bigint, s => s.Token.StartsAt),
        new("EndsAt", NpgsqlDbType.Bigint, s => s.Token.EndsAt),
        new("ValidTo", NpgsqlDbType.Bigint, s => s.Token.ValidTo),
        new("ValidFrom", NpgsqlDbType.Bigint, s => s.Token.ValidFrom),
        new("LastUsedAt", NpgsqlDbType.Bigint, s => s.Token.LastUsedAt),
        new("NameKey", NpgsqlDbType.Varchar, s => s.Token.NameKey),
    ];

    /// <summary>
    /// Counts the scope rows whose copies differ from their token's (<see cref="TokenScope.CopiedColumns"/>): the loaders
    /// write the copies themselves, with the database's triggers off, and check that they wrote what the triggers would.
    /// </summary>
    public static string CopyMismatchSql(bool sqlite) =>
        "SELECT count(*) FROM \"TokenScopes\" AS s JOIN \"Tokens\" AS t ON t.\"Id\" = s.\"TokenId\" WHERE NOT ("
        + string.Join(" AND ", TokenScope.CopiedColumns.Select(c => $"s.\"{c}\" {(sqlite ? "IS" : "IS NOT DISTINCT FROM")} t.\"{c}\"")) + ")";

    public static readonly ScaleColumn<AuditRow>[] AuditEntries =
    [
        new("TenantId", NpgsqlDbType.Uuid, a => a.TenantId),
        new("At", NpgsqlDbType.Bigint, a => a.At),
        new("ActorId", NpgsqlDbType.Uuid, a => a.ActorId),
        new("ActorName", NpgsqlDbType.Varchar, a => a.ActorName),
        new("Action", NpgsqlDbType.Varchar, a => a.Action),
        new("TokenId", NpgsqlDbType.Uuid, a => a.TokenId),
        new("TargetUserId", NpgsqlDbType.Uuid, _ => null),
        new("Summary", NpgsqlDbType.Varchar, a => a.Summary),
        new("ClientAddress", NpgsqlDbType.Varchar, _ => null),
    ];
}

/// <summary>
/// The rows of the data set, the same for both engines: one tenant's owners (5% deactivated), their tokens (20% revoked,
/// 30% without an end date, the rest 90-day tokens, 2% scheduled, half used in the last 30 days, a quarter earlier, a
/// quarter never) and an audit log in time order over three years. Read <see cref="Owners"/>, then <see cref="Tokens"/>,
/// then <see cref="Audit"/>, each once and in that order (they share one seeded random sequence).
/// </summary>
internal sealed class ScaleRows(Guid tenantId, Guid adminId, int tokenCount, int auditCount, DateTimeOffset now)
{
    private static readonly string[] Keywords =
    [
        "terraform", "deploy", "ci", "backup", "monitoring", "grafana", "jenkins", "github", "gitlab", "ansible", "k8s", "helm",
        "billing", "reporting", "sync", "import", "export", "etl", "nightly", "alerts", "metrics", "logs", "scanner", "bot",
        "webhook", "migration", "release", "build", "cache", "search",
    ];

    private static readonly string[] Environments = ["prod", "staging", "dev", "test", "qa"];

    private static readonly (string Scope, double Share)[] ScopeShares =
        [("tokens:read", 0.6), ("tokens:write", 0.25), ("audit:read", 0.15), ("alerts:read", 0.3), ("alerts:write", 0.1), ("introspect", 0.05)];

    private static readonly string[] Actions = ["TokenCreated", "TokenEdited", "TokenRevoked", "TokenRolled"];

    private readonly Random _rng = new(12);
    private readonly Guid[] _ownerIds = new Guid[Math.Max(1, tokenCount / 10)];
    private readonly bool[] _ownerActive = new bool[Math.Max(1, tokenCount / 10)];
    private readonly Guid[] _tokenIds = new Guid[tokenCount];

    public int OwnerCount => _ownerIds.Length;

    /// <summary>An owner in the middle of the list (the owner filter's target).</summary>
    public Guid SomeOwner => _ownerIds[_ownerIds.Length / 2];

    /// <summary>The last audit entry written (newest): its actor and token are the audit filters' targets.</summary>
    public AuditRow? LastAudit { get; private set; }

    public IEnumerable<OwnerRow> Owners()
    {
        for (var i = 0; i < _ownerIds.Length; i++)
        {
            var id = _ownerIds[i] = Guid.NewGuid();
            var active = _ownerActive[i] = _rng.NextDouble() >= 0.05;
            var created = now.AddDays(-1200 + _rng.Next(100)).UtcTicks;
            var signIn = now.AddDays(-_rng.Next(60)).UtcTicks;
            yield return new OwnerRow(id, tenantId, $"owner-{i}", $"Owner {i}", $"owner{i}@scale.example", active, created, signIn,
                active ? null : now.AddDays(-_rng.Next(300)).UtcTicks);
        }
    }

    public IEnumerable<TokenRow> Tokens()
    {
        var owners = _ownerIds.Length;
        var hash = new byte[32];
        for (var i = 0; i < tokenCount; i++)
        {
            var id = _tokenIds[i] = Guid.NewGuid();
            var name = $"{Keywords[_rng.Next(Keywords.Length)]} {Keywords[_rng.Next(Keywords.Length)]} {Environments[_rng.Next(Environments.Length)]} {i / owners + 1}";
            var created = now.AddMinutes(-_rng.Next(3 * 365 * 24 * 60));
            var ageDays = (now - created).TotalDays;
            DateTimeOffset? from = _rng.NextDouble() < 0.02 ? now.AddDays(1 + _rng.Next(30)) : null;
            // 30% never end; the rest are 90-day tokens.
            DateTimeOffset? to = _rng.NextDouble() < 0.3 ? null : (from ?? created).AddDays(90);
            DateTimeOffset? revoked = _rng.NextDouble() < 0.2 ? created.AddMinutes(_rng.NextDouble() * (now - created).TotalMinutes) : null;
            // Half used in the last 30 days; a quarter earlier; a quarter never.
            var u = _rng.NextDouble();
            DateTimeOffset? used = u < 0.5 ? now.AddMinutes(-_rng.NextDouble() * Math.Min(30, ageDays) * 24 * 60)
                : u < 0.75 ? created.AddMinutes(_rng.NextDouble() * Math.Max(0, ageDays - 30) * 24 * 60) : null;
            _rng.NextBytes(hash);
            var scopes = ScopeShares.Where(s => _rng.NextDouble() < s.Share).Select(s => s.Scope).ToList();
            yield return new TokenRow(id, tenantId, _ownerIds[i % owners], _ownerActive[i % owners], name, scopes.Count == 0 ? ["tokens:read"] : scopes,
                created.UtcTicks, from?.UtcTicks, to?.UtcTicks, revoked?.UtcTicks, revoked is null ? null : adminId, used?.UtcTicks,
                used is null ? null : "192.0.2." + _rng.Next(1, 255), Convert.ToHexStringLower(hash));
        }
    }

    public IEnumerable<AuditRow> Audit()
    {
        // Entries in time order over three years, as a log is written.
        var start = now.AddDays(-3 * 365).UtcTicks;
        var step = auditCount == 0 ? 0 : (now.UtcTicks - start) / auditCount;
        for (var i = 0; i < auditCount; i++)
        {
            var actor = _ownerIds[_rng.Next(_ownerIds.Length)];
            var row = new AuditRow(tenantId, start + i * step, actor, "Owner", Actions[_rng.Next(Actions.Length)],
                tokenCount == 0 ? null : _tokenIds[_rng.Next(tokenCount)], "Changed a token.");
            LastAudit = row;
            yield return row;
        }
    }
}
