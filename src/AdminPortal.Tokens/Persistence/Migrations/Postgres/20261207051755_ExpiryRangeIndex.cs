using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExpiryRangeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Tokens_TenantId_ValidTo",
                table: "Tokens",
                columns: new[] { "TenantId", "ValidTo" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_TenantId_ValidTo",
                table: "Tokens");
        }
    }
}
