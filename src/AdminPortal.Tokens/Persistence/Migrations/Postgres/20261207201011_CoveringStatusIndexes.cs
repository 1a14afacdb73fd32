using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CoveringStatusIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_EndsAt",
                table: "Tokens");

            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_StartsAt_GuidText",
                table: "Tokens");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_EndsAt",
                table: "Tokens",
                columns: new[] { "TenantId", "OwnerIsActive", "RevokedAt", "EndsAt" },
                descending: new[] { false, false, false, true })
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "ValidTo", "ValidFrom", "StartsAt", "NameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_StartsAt_GuidText",
                table: "Tokens",
                columns: new[] { "TenantId", "StartsAt", "GuidText" })
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "OwnerIsActive", "RevokedAt", "ValidTo", "ValidFrom", "NameKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_EndsAt",
                table: "Tokens");

            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_StartsAt_GuidText",
                table: "Tokens");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_OwnerIsActive_RevokedAt_EndsAt",
                table: "Tokens",
                columns: new[] { "TenantId", "OwnerIsActive", "RevokedAt", "EndsAt" },
                descending: new[] { false, false, false, true });

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_StartsAt_GuidText",
                table: "Tokens",
                columns: new[] { "TenantId", "StartsAt", "GuidText" });
        }
    }
}
