using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Tokens.Persistence.Migrations.Sqlite;

/// <summary>
/// The web host's data-protection key ring (the keys of its cookies), in the portal's own database so that it outlives a
/// restart or container and every node reads it. The table has the layout of ASP.NET Core's EF Core key store
/// (DataProtectionKey: Id, FriendlyName, Xml); the host maps it with a context of its own, so that this domain stays free
/// of ASP.NET Core. Keys are XML, encrypted at rest only when the host is given a certificate.
/// </summary>
[DbContext(typeof(TokenDbContext))]
[Migration("20261202080100_DataProtectionKeys")]
public sealed class DataProtectionKeys : Migration
{
    /// <summary>The table's name, which the host's key context maps.</summary>
    public const string Table = StoredKey.Table;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateTable(
            name: Table,
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).Annotation("Sqlite:Autoincrement", true),
                FriendlyName = table.Column<string>(nullable: true),
                Xml = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_DataProtectionKeys", x => x.Id));

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(Table);
}
