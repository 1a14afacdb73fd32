using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TokenId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TenantPolicies",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MaxLifetimeDays = table.Column<int>(type: "INTEGER", nullable: true),
                    RequireExpiry = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaxUsableTokensPerPerson = table.Column<int>(type: "INTEGER", nullable: true),
                    UserScopes = table.Column<string>(type: "TEXT", nullable: true),
                    SecurityReaderScopes = table.Column<string>(type: "TEXT", nullable: true),
                    FullAdminScopes = table.Column<string>(type: "TEXT", nullable: true),
                    ExpiryNoticeDays = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 7),
                    NoticeOnExpiryDay = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    AdminDigest = table.Column<bool>(type: "INTEGER", nullable: false),
                    MaxRotationGraceHours = table.Column<int>(type: "INTEGER", nullable: true),
                    RevokeOnSecretReuse = table.Column<bool>(type: "INTEGER", nullable: false),
                    CleanupUnusedAfterDays = table.Column<int>(type: "INTEGER", nullable: true),
                    RequireAllowListForWriteScopes = table.Column<bool>(type: "INTEGER", nullable: false),
                    DefaultRateLimitPerMinute = table.Column<int>(type: "INTEGER", nullable: true),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangedById = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
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
