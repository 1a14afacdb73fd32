using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScopeStatusCopy : Migration
    {
        /// <summary>The token's columns copied onto its scope rows as of this migration.</summary>
        private static readonly string[] CopiedColumns =
            ["OwnerIsActive", "RevokedAt", "StartsAt", "EndsAt", "ValidTo", "ValidFrom", "LastUsedAt", "NameKey"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TokenScopes_TenantId_Scope_TokenId",
                table: "TokenScopes");

            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_ValidTo",
                table: "Tokens");

            migrationBuilder.AddColumn<long>(
                name: "EndsAt",
                table: "TokenScopes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "LastUsedAt",
                table: "TokenScopes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "TokenScopes",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "OwnerIsActive",
                table: "TokenScopes",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "RevokedAt",
                table: "TokenScopes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StartsAt",
                table: "TokenScopes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ValidFrom",
                table: "TokenScopes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ValidTo",
                table: "TokenScopes",
                type: "INTEGER",
                nullable: true);

            // The copies are filled (every existing token's values) before the index that holds them is built.
            migrationBuilder.Sql(TokenScopeStatusCopy.SqliteCreateSql(CopiedColumns));

            migrationBuilder.CreateIndex(
                name: "IX_TokenScopes_TenantId_Scope_Status",
                table: "TokenScopes",
                columns: new[] { "TenantId", "Scope", "OwnerIsActive", "RevokedAt", "StartsAt", "EndsAt", "ValidTo", "ValidFrom", "LastUsedAt", "NameKey", "TokenId" });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_EndsAt",
                table: "Tokens",
                columns: new[] { "TenantId", "OwnerIsActive", "RevokedAt", "EndsAt" },
                descending: new[] { false, false, false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TokenScopeStatusCopy.SqliteDropSql);

            migrationBuilder.DropIndex(
                name: "IX_TokenScopes_TenantId_Scope_Status",
                table: "TokenScopes");

            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_EndsAt",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "EndsAt",
                table: "TokenScopes");

            migrationBuilder.DropColumn(
                name: "LastUsedAt",
                table: "TokenScopes");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "TokenScopes");

            migrationBuilder.DropColumn(
                name: "OwnerIsActive",
                table: "TokenScopes");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "TokenScopes");

            migrationBuilder.DropColumn(
                name: "StartsAt",
                table: "TokenScopes");

            migrationBuilder.DropColumn(
                name: "ValidFrom",
                table: "TokenScopes");

            migrationBuilder.DropColumn(
                name: "ValidTo",
                table: "TokenScopes");

            migrationBuilder.CreateIndex(
                name: "IX_TokenScopes_TenantId_Scope_TokenId",
                table: "TokenScopes",
                columns: new[] { "TenantId", "Scope", "TokenId" });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_ValidTo",
                table: "Tokens",
                columns: new[] { "TenantId", "OwnerIsActive", "RevokedAt", "ValidTo" });
        }
    }
}
