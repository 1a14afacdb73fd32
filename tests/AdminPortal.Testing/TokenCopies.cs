namespace AdminPortal.Testing;

/// <summary>
/// SQL that fills a test database with many tokens at once: copies of its first token, each with its own id, GUID,
/// name ("copy 1", "copy 2", ...) and hash. Creating them through the token service would take minutes.
/// </summary>
public static class TokenCopies
{
    /// <summary>SQLite: <paramref name="count"/> copies of the first token of the <c>Tokens</c> table.</summary>
    public static string Sqlite(int count) => $"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}),
            ids AS MATERIALIZED (SELECT i, lower(hex(randomblob(16))) AS h FROM n),
            guids AS MATERIALIZED (SELECT i, substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-a'
                || substr(h, 18, 3) || '-' || substr(h, 21, 12) AS g FROM ids)
        INSERT INTO Tokens (Id, GuidText, TenantId, OwnerId, CreatedById, Name, NameKey, Description, Scopes, CreatedAt, ValidFrom, ValidTo,
            RevokedAt, RevokedById, LastUsedAt, LastUsedFrom, SecretHash, Version, EndsAt, StartsAt, OwnerIsActive)
        SELECT upper(g), g, TenantId, OwnerId, CreatedById, 'copy ' || i, 'COPY ' || i, Description, Scopes, CreatedAt, ValidFrom, ValidTo,
            RevokedAt, RevokedById, LastUsedAt, LastUsedFrom, lower(hex(randomblob(32))), Version, EndsAt, StartsAt, OwnerIsActive
        FROM guids, (SELECT * FROM Tokens LIMIT 1)
        """;
}
