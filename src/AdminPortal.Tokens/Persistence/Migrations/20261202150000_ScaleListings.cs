using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Tokens.Persistence.Migrations;

/// <summary>
/// Listings at a million tokens (issue 12): the derived sort columns <c>EndsAt</c> and <c>StartsAt</c>, tenant-leading
/// indexes for every sort and status filter, audit indexes by token and by actor in time order, and (SQLite) the FTS5
/// trigram index of token names. Instants are UTC ticks (see <see cref="UtcTicksConverter"/>).
/// </summary>
[DbContext(typeof(TokenDbContext))]
[Migration("20261202150000_ScaleListings")]
public sealed class ScaleListings : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>(name: "EndsAt", table: "Tokens", nullable: false, defaultValue: 0L);
        migrationBuilder.AddColumn<long>(name: "StartsAt", table: "Tokens", nullable: false, defaultValue: 0L);
        // The derived values of the tokens already stored (ApiToken.DerivedEnd: DateTimeOffset.MaxValue for "never").
        migrationBuilder.Sql($"""
            UPDATE "Tokens" SET "EndsAt" = coalesce("RevokedAt", "ValidTo", {DateTimeOffset.MaxValue.UtcTicks}), "StartsAt" = coalesce("ValidFrom", "CreatedAt");
            """);

        migrationBuilder.DropIndex(name: "IX_Tokens_TenantId_CreatedAt", table: "Tokens");
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_CreatedAt_GuidText", "Tokens", ["TenantId", "CreatedAt", "GuidText"]);
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_NameKey_GuidText", "Tokens", ["TenantId", "NameKey", "GuidText"]);
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_LastUsedAt_GuidText", "Tokens", ["TenantId", "LastUsedAt", "GuidText"]);
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_EndsAt_GuidText", "Tokens", ["TenantId", "EndsAt", "GuidText"]);
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_StartsAt_GuidText", "Tokens", ["TenantId", "StartsAt", "GuidText"]);
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_RevokedAt_ValidTo", "Tokens", ["TenantId", "RevokedAt", "ValidTo"]);

        migrationBuilder.DropIndex(name: "IX_AuditEntries_TokenId", table: "AuditEntries");
        migrationBuilder.CreateIndex("IX_AuditEntries_TokenId_At", "AuditEntries", ["TokenId", "At"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_ActorId_At", "AuditEntries", ["ActorId", "At"]);

        migrationBuilder.CreateTable(
            name: "TokenScopes",
            columns: table => new
            {
                TokenId = table.Column<Guid>(nullable: false),
                Scope = table.Column<string>(maxLength: 100, nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_TokenScopes", x => new { x.TokenId, x.Scope });
                table.ForeignKey("FK_TokenScopes_Tokens_TokenId", x => x.TokenId, "Tokens", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_TokenScopes_TenantId_Scope_TokenId", "TokenScopes", ["TenantId", "Scope", "TokenId"]);

        // Not expressible in the EF model: the scopes of the tokens already stored, from their JSON column; the full-text
        // index of names and its triggers.
        if (ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            migrationBuilder.Sql("""
                INSERT INTO "TokenScopes" ("TokenId", "Scope", "TenantId") SELECT DISTINCT t."Id", j.value, t."TenantId" FROM "Tokens" AS t, json_each(t."Scopes") AS j;
                """);
            migrationBuilder.Sql(SqliteTokenNameSearch.CreateSql);
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            migrationBuilder.Sql(SqliteTokenNameSearch.DropSql);
        }

        migrationBuilder.DropTable("TokenScopes");
        migrationBuilder.DropIndex(name: "IX_AuditEntries_ActorId_At", table: "AuditEntries");
        migrationBuilder.DropIndex(name: "IX_AuditEntries_TokenId_At", table: "AuditEntries");
        migrationBuilder.CreateIndex("IX_AuditEntries_TokenId", "AuditEntries", "TokenId");

        migrationBuilder.DropIndex(name: "IX_Tokens_TenantId_RevokedAt_ValidTo", table: "Tokens");
        migrationBuilder.DropIndex(name: "IX_Tokens_TenantId_StartsAt_GuidText", table: "Tokens");
        migrationBuilder.DropIndex(name: "IX_Tokens_TenantId_EndsAt_GuidText", table: "Tokens");
        migrationBuilder.DropIndex(name: "IX_Tokens_TenantId_LastUsedAt_GuidText", table: "Tokens");
        migrationBuilder.DropIndex(name: "IX_Tokens_TenantId_NameKey_GuidText", table: "Tokens");
        migrationBuilder.DropIndex(name: "IX_Tokens_TenantId_CreatedAt_GuidText", table: "Tokens");
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_CreatedAt", "Tokens", ["TenantId", "CreatedAt"]);
        migrationBuilder.DropColumn(name: "StartsAt", table: "Tokens");
        migrationBuilder.DropColumn(name: "EndsAt", table: "Tokens");
    }
}
