using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RotationGrace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RetiredSecrets",
                columns: table => new
                {
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TokenId = table.Column<Guid>(type: "uuid", nullable: false),
                    RetiredAt = table.Column<long>(type: "bigint", nullable: false),
                    GraceUntil = table.Column<long>(type: "bigint", nullable: false),
                    ReuseCount = table.Column<int>(type: "integer", nullable: false),
                    LastReusedAt = table.Column<long>(type: "bigint", nullable: true),
                    LastReusedFrom = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetiredSecrets", x => x.SecretHash);
                    table.ForeignKey(
                        name: "FK_RetiredSecrets_Tokens_TokenId",
                        column: x => x.TokenId,
                        principalTable: "Tokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetiredSecrets_GraceUntil",
                table: "RetiredSecrets",
                column: "GraceUntil");

            migrationBuilder.CreateIndex(
                name: "IX_RetiredSecrets_TokenId_GraceUntil",
                table: "RetiredSecrets",
                columns: new[] { "TokenId", "GraceUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetiredSecrets");
        }
    }
}
