using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CreatedOrderValidity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_CreatedAt_GuidText",
                table: "Tokens");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_CreatedAt_GuidText_RevokedAt_ValidTo_LastUs~",
                table: "Tokens",
                columns: new[] { "TenantId", "CreatedAt", "GuidText", "RevokedAt", "ValidTo", "LastUsedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_CreatedAt_GuidText_RevokedAt_ValidTo_LastUs~",
                table: "Tokens");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_CreatedAt_GuidText",
                table: "Tokens",
                columns: new[] { "TenantId", "CreatedAt", "GuidText" });
        }
    }
}
