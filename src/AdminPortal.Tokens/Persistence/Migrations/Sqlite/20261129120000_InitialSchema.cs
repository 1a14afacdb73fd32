using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Tokens.Persistence.Migrations.Sqlite;

/// <summary>
/// Tenants, users, tokens and the audit log; instants are UTC ticks (see <see cref="UtcTicksConverter"/>). Written by
/// hand before the EF Core tools were available, and kept with its ID so that a database made by those releases is already
/// up to date; later SQLite migrations are generated (dotnet ef migrations add, see the README), and
/// MigratedSchemaTests prove that these give the schema of the model.
/// </summary>
[DbContext(typeof(TokenDbContext))]
[Migration("20261129120000_InitialSchema")]
public sealed class InitialSchema : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Tenants",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Key = table.Column<string>(maxLength: 100, nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                OnlyAdminsCreateTokens = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Tenants", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Users",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                SubjectId = table.Column<string>(maxLength: 200, nullable: false),
                DisplayName = table.Column<string>(maxLength: 200, nullable: false),
                Email = table.Column<string>(maxLength: 320, nullable: false),
                Role = table.Column<string>(maxLength: 20, nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                LastSignInAt = table.Column<long>(nullable: true),
                DeactivatedAt = table.Column<long>(nullable: true),
                WriteSerial = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Users", x => x.Id);
                table.ForeignKey("FK_Users_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Tokens",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                GuidText = table.Column<string>(maxLength: 36, nullable: false),
                TenantId = table.Column<Guid>(nullable: false),
                OwnerId = table.Column<Guid>(nullable: false),
                CreatedById = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                NameKey = table.Column<string>(maxLength: 400, nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: false),
                Scopes = table.Column<string>(nullable: false),
                CreatedAt = table.Column<long>(nullable: false),
                ValidFrom = table.Column<long>(nullable: true),
                ValidTo = table.Column<long>(nullable: true),
                RevokedAt = table.Column<long>(nullable: true),
                RevokedById = table.Column<Guid>(nullable: true),
                LastUsedAt = table.Column<long>(nullable: true),
                LastUsedFrom = table.Column<string>(maxLength: 64, nullable: true),
                SecretHash = table.Column<string>(maxLength: 64, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Tokens", x => x.Id);
                table.ForeignKey("FK_Tokens_Tenants_TenantId", x => x.TenantId, "Tenants", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Tokens_Users_CreatedById", x => x.CreatedById, "Users", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Tokens_Users_OwnerId", x => x.OwnerId, "Users", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                TenantId = table.Column<Guid>(nullable: false),
                At = table.Column<long>(nullable: false),
                ActorId = table.Column<Guid>(nullable: false),
                ActorName = table.Column<string>(maxLength: 200, nullable: false),
                Action = table.Column<string>(maxLength: 30, nullable: false),
                TokenId = table.Column<Guid>(nullable: true),
                TargetUserId = table.Column<Guid>(nullable: true),
                Summary = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_AuditEntries", x => x.Id));

        migrationBuilder.CreateIndex("IX_Tenants_Key", "Tenants", "Key", unique: true);
        migrationBuilder.CreateIndex("IX_Users_TenantId_SubjectId", "Users", ["TenantId", "SubjectId"], unique: true);
        migrationBuilder.CreateIndex("IX_Tokens_CreatedById", "Tokens", "CreatedById");
        migrationBuilder.CreateIndex("IX_Tokens_GuidText", "Tokens", "GuidText", unique: true);
        migrationBuilder.CreateIndex("IX_Tokens_OwnerId_NameKey", "Tokens", ["OwnerId", "NameKey"], unique: true);
        migrationBuilder.CreateIndex("IX_Tokens_SecretHash", "Tokens", "SecretHash", unique: true);
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_CreatedAt", "Tokens", ["TenantId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Tokens_TenantId_OwnerId", "Tokens", ["TenantId", "OwnerId"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_TenantId_At", "AuditEntries", ["TenantId", "At"]);
        migrationBuilder.CreateIndex("IX_AuditEntries_TokenId", "AuditEntries", "TokenId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("AuditEntries");
        migrationBuilder.DropTable("Tokens");
        migrationBuilder.DropTable("Users");
        migrationBuilder.DropTable("Tenants");
    }
}
