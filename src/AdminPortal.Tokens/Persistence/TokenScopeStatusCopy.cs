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
    private static readonly IReadOnlyList<string> Columns = TokenScope.CopiedColumns;

    private static string List(string prefix = "") => string.Join(", ", Columns.Select(c => $"{prefix}\"{c}\""));

    private static string Changed => string.Join(" OR ", Columns.Select(c => $"old.\"{c}\" IS DISTINCT FROM new.\"{c}\""));

    /// <summary>SQLite: the triggers, and the copy of every existing token's values.</summary>
    public static readonly string SqliteCreateSql = $"""
        CREATE TRIGGER "TokenScopes_StatusCopy_Insert" AFTER INSERT ON "TokenScopes" BEGIN
          UPDATE "TokenScopes" SET ({List()}) = (SELECT {List()} FROM "Tokens" WHERE "Id" = new."TokenId")
          WHERE "TokenId" = new."TokenId" AND "Scope" = new."Scope";
        END;
        CREATE TRIGGER "Tokens_ScopeStatusCopy_Update" AFTER UPDATE OF {List()} ON "Tokens"
        WHEN {Changed.Replace("IS DISTINCT FROM", "IS NOT", StringComparison.Ordinal)} BEGIN
          UPDATE "TokenScopes" SET ({List()}) = ({List("new.")}) WHERE "TokenId" = new."Id";
        END;
        UPDATE "TokenScopes" SET ({List()}) = (SELECT {List("t.")} FROM "Tokens" AS t WHERE t."Id" = "TokenScopes"."TokenId");
        """;

    /// <summary>SQLite: removes the triggers (the migration's Down).</summary>
    public const string SqliteDropSql = """
        DROP TRIGGER IF EXISTS "TokenScopes_StatusCopy_Insert";
        DROP TRIGGER IF EXISTS "Tokens_ScopeStatusCopy_Update";
        """;

    /// <summary>PostgreSQL: the trigger functions and triggers, and the copy of every existing token's values.</summary>
    public static readonly string PostgresCreateSql = $$"""
        CREATE FUNCTION token_scopes_status_copy_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          SELECT {{List("t.")}} INTO {{List("NEW.")}} FROM "Tokens" AS t WHERE t."Id" = NEW."TokenId";
          RETURN NEW;
        END $$;
        CREATE TRIGGER "TokenScopes_StatusCopy_Insert" BEFORE INSERT ON "TokenScopes"
          FOR EACH ROW EXECUTE FUNCTION token_scopes_status_copy_insert();
        CREATE FUNCTION tokens_scope_status_copy_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE "TokenScopes" SET ({{List()}}) = ({{List("NEW.")}}) WHERE "TokenId" = NEW."Id";
          RETURN NULL;
        END $$;
        CREATE TRIGGER "Tokens_ScopeStatusCopy_Update" AFTER UPDATE OF {{List()}} ON "Tokens"
          FOR EACH ROW WHEN ({{Changed.Replace("old.", "OLD.", StringComparison.Ordinal).Replace("new.", "NEW.", StringComparison.Ordinal)}})
          EXECUTE FUNCTION tokens_scope_status_copy_update();
        UPDATE "TokenScopes" AS s SET ({{List()}}) = ({{List("t.")}}) FROM "Tokens" AS t WHERE t."Id" = s."TokenId";
        """;

    /// <summary>PostgreSQL: removes the triggers and their functions (the migration's Down).</summary>
    public const string PostgresDropSql = """
        DROP TRIGGER IF EXISTS "TokenScopes_StatusCopy_Insert" ON "TokenScopes";
        DROP TRIGGER IF EXISTS "Tokens_ScopeStatusCopy_Update" ON "Tokens";
        DROP FUNCTION IF EXISTS token_scopes_status_copy_insert();
        DROP FUNCTION IF EXISTS tokens_scope_status_copy_update();
        """;
}
