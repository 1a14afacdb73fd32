using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Listings at scale on PostgreSQL, no model change (raw SQL only): the <c>pg_trgm</c> GIN index on <c>NameKey</c> for
    /// name keywords, when the extension can be created (<see cref="PostgresTokenNameSearch"/>), and the expression index
    /// of the "last used" order with never-used tokens first (<see cref="PostgresLastUseOrder"/>).
    /// </summary>
    public partial class PostgresListings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresTokenNameSearch.CreateSql);
            migrationBuilder.Sql(PostgresLastUseOrder.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresLastUseOrder.DropSql);
            migrationBuilder.Sql(PostgresTokenNameSearch.DropSql);
        }
    }
}
