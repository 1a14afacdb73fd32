using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TenantPoliciesAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    DedupeKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "bigint", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReadAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantPolicies",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    MaxLifetimeDays = table.Column<int>(type: "integer", nullable: true),
                    RequireExpiry = table.Column<bool>(type: "boolean", nullable: false),
                    MaxUsableTokensPerPerson = table.Column<int>(type: "integer", nullable: true),
                    UserScopes = table.Column<string[]>(type: "character varying(100)[]", nullable: true),
                    SecurityReaderScopes = table.Column<string[]>(type: "character varying(100)[]", nullable: true),
                    FullAdminScopes = table.Column<string[]>(type: "character varying(100)[]", nullable: true),
                    ExpiryNoticeDays = table.Column<int>(type: "integer", nullable: false, defaultValue: 7),
                    NoticeOnExpiryDay = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    AdminDigest = table.Column<bool>(type: "boolean", nullable: false),
                    MaxRotationGraceHours = table.Column<int>(type: "integer", nullable: true),
                    RevokeOnSecretReuse = table.Column<bool>(type: "boolean", nullable: false),
                    CleanupUnusedAfterDays = table.Column<int>(type: "integer", nullable: true),
                    RequireAllowListForWriteScopes = table.Column<bool>(type: "boolean", nullable: false),
                    DefaultRateLimitPerMinute = table.Column<int>(type: "integer", nullable: true),
                    ChangedAt = table.Column<long>(type: "bigint", nullable: false),
                    ChangedById = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantPolicies", x => x.TenantId);
                    table.ForeignKey(
                        name: "FK_TenantPolicies_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_DedupeKey",
                table: "Notices",
                column: "DedupeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notices_RecipientId_ReadAt_CreatedAt",
                table: "Notices",
                columns: new[] { "RecipientId", "ReadAt", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_SentAt_NextAttemptAt",
                table: "Notices",
                columns: new[] { "SentAt", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropTable(
                name: "TenantPolicies");
        }
    }
}
