namespace AdminPortal.Testing;

/// <summary>
/// SQL that fills a test database with many tokens at once: copies of its first token, each with its own id, GUID,
/// name ("copy 1", "copy 2", ...) and hash. Creating them through the token service would take minutes.
/// </summary>
public static class TokenCopies
{
    /// <summary><paramref name="count"/> copies of the first token of the <c>Tokens</c> table, on <paramref name="engine"/>.</summary>
    public static string For(AdminPortal.Tokens.Options.DatabaseProvider engine, int count) =>
        engine == AdminPortal.Tokens.Options.DatabaseProvider.Postgres ? Postgres(count) : Sqlite(count);

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

    /// <summary>PostgreSQL: <paramref name="count"/> copies of the first token of the <c>Tokens</c> table.</summary>
    public static string Postgres(int count) => $"""
        INSERT INTO "Tokens" ("Id", "GuidText", "TenantId", "OwnerId", "CreatedById", "Name", "NameKey", "Description", "Scopes", "CreatedAt",
            "ValidFrom", "ValidTo", "RevokedAt", "RevokedById", "LastUsedAt", "LastUsedFrom", "SecretHash", "Version", "EndsAt", "StartsAt", "OwnerIsActive")
        SELECT c.id, c.id::text, t."TenantId", t."OwnerId", t."CreatedById", 'copy ' || c.i, 'COPY ' || c.i, t."Description", t."Scopes", t."CreatedAt",
            t."ValidFrom", t."ValidTo", t."RevokedAt", t."RevokedById", t."LastUsedAt", t."LastUsedFrom", md5(random()::text) || md5(random()::text),
            t."Version", t."EndsAt", t."StartsAt", t."OwnerIsActive"
        FROM (SELECT i, gen_random_uuid() AS id FROM generate_series(1, {count}) AS i) AS c, (SELECT * FROM "Tokens" LIMIT 1) AS t
        """;

    /// <summary>Both engines: every token without scope rows gets those of the tokens that have them (the first token's, after
    /// <see cref="Sqlite"/> or <see cref="Postgres"/>); the database's triggers fill their copied columns.</summary>
    public const string ScopeRows = """
        INSERT INTO "TokenScopes" ("TokenId", "Scope", "TenantId")
        SELECT c."Id", s."Scope", s."TenantId" FROM "Tokens" AS c, "TokenScopes" AS s
        WHERE NOT EXISTS (SELECT 1 FROM "TokenScopes" AS x WHERE x."TokenId" = c."Id")
        """;
}
