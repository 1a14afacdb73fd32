using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenGuards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "AllowedAddresses",
                table: "Tokens",
                type: "character varying(64)[]",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RateLimitPerMinute",
                table: "Tokens",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowedAddresses",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "RateLimitPerMinute",
                table: "Tokens");
        }
    }
}
