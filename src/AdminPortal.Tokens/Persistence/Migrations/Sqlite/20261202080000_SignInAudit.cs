using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Tokens.Persistence.Migrations.Sqlite;

/// <summary>Sign-in events in the audit log: the address the browser came from.</summary>
[DbContext(typeof(TokenDbContext))]
[Migration("20261202080000_SignInAudit")]
public sealed class SignInAudit : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<string>(name: "ClientAddress", table: "AuditEntries", maxLength: 64, nullable: true);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "ClientAddress", table: "AuditEntries");
}
