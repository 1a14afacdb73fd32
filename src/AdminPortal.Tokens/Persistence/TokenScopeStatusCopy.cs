using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// The triggers that keep a token's status columns copied onto its scope rows (<see cref="TokenScope.CopiedColumns"/>), on
/// each engine: a new scope row takes its token's values, and a change of any of them on a token is written to all of its
/// scope rows in the same statement. In the database rather than in the code that changes tokens, because tokens change
/// through several paths (a save of the entity, bulk updates such as an owner's deactivation or the last use, a copy
/// between engines), and a copy that one of them missed would make listings wrong without any error. Run by migrations.
/// </summary>
public static class TokenScopeStatusCopy
{
    private static string List(IReadOnlyList<string> columns, string prefix = "") => string.Join(", ", columns.Select(c => $"{prefix}\"{c}\""));

    private static string Changed(IReadOnlyList<string> columns, string oldRow, string newRow, string differs) =>
        string.Join(" OR ", columns.Select(c => $"{oldRow}.\"{c}\" {differs} {newRow}.\"{c}\""));

    /// <summary>
    /// SQLite: the triggers for <paramref name="columns"/>, and the copy of every existing token's values. A migration
    /// passes its own list (the columns as they were when it was written), not <see cref="TokenScope.CopiedColumns"/>, so
    /// that a later column does not change what an earlier migration runs.
    /// </summary>
    public static string SqliteCreateSql(IReadOnlyList<string> columns) => $"""
        CREATE TRIGGER "TokenScopes_StatusCopy_Insert" AFTER INSERT ON "TokenScopes" BEGIN
          UPDATE "TokenScopes" SET ({List(columns)}) = (SELECT {List(columns)} FROM "Tokens" WHERE "Id" = new."TokenId")
          WHERE "TokenId" = new."TokenId" AND "Scope" = new."Scope";
        END;
        CREATE TRIGGER "Tokens_ScopeStatusCopy_Update" AFTER UPDATE OF {List(columns)} ON "Tokens"
        WHEN {Changed(columns, "old", "new", "IS NOT")} BEGIN
          UPDATE "TokenScopes" SET ({List(columns)}) = ({List(columns, "new.")}) WHERE "TokenId" = new."Id";
        END;
        UPDATE "TokenScopes" SET ({List(columns)}) = (SELECT {List(columns, "t.")} FROM "Tokens" AS t WHERE t."Id" = "TokenScopes"."TokenId");
        """;

    /// <summary>SQLite: removes the triggers (the migration's Down).</summary>
    public const string SqliteDropSql = """
        DROP TRIGGER IF EXISTS "TokenScopes_StatusCopy_Insert";
        DROP TRIGGER IF EXISTS "Tokens_ScopeStatusCopy_Update";
        """;

    /// <summary>
    /// PostgreSQL: the trigger functions and triggers for <paramref name="columns"/>, and the copy of every existing
    /// token's values (a migration passes its own list, as for <see cref="SqliteCreateSql"/>).
    /// </summary>
    public static string PostgresCreateSql(IReadOnlyList<string> columns) => $$"""
        CREATE FUNCTION token_scopes_status_copy_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          SELECT {{List(columns, "t.")}} INTO {{List(columns, "NEW.")}} FROM "Tokens" AS t WHERE t."Id" = NEW."TokenId";
          RETURN NEW;
        END $$;
        CREATE TRIGGER "TokenScopes_StatusCopy_Insert" BEFORE INSERT ON "TokenScopes"
          FOR EACH ROW EXECUTE FUNCTION token_scopes_status_copy_insert();
        CREATE FUNCTION tokens_scope_status_copy_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE "TokenScopes" SET ({{List(columns)}}) = ({{List(columns, "NEW.")}}) WHERE "TokenId" = NEW."Id";
          RETURN NULL;
        END $$;
        CREATE TRIGGER "Tokens_ScopeStatusCopy_Update" AFTER UPDATE OF {{List(columns)}} ON "Tokens"
          FOR EACH ROW WHEN ({{Changed(columns, "OLD", "NEW", "IS DISTINCT FROM")}})
          EXECUTE FUNCTION tokens_scope_status_copy_update();
        UPDATE "TokenScopes" AS s SET ({{List(columns)}}) = ({{List(columns, "t.")}}) FROM "Tokens" AS t WHERE t."Id" = s."TokenId";
        """;

    /// <summary>PostgreSQL: removes the triggers and their functions (the migration's Down).</summary>
    public const string PostgresDropSql = """
        DROP TRIGGER IF EXISTS "TokenScopes_StatusCopy_Insert" ON "TokenScopes";
        DROP TRIGGER IF EXISTS "Tokens_ScopeStatusCopy_Update" ON "Tokens";
        DROP FUNCTION IF EXISTS token_scopes_status_copy_insert();
        DROP FUNCTION IF EXISTS tokens_scope_status_copy_update();
        """;
}
