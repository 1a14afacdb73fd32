using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only, no model change (raw SQL only): the name keywords' trigram index becomes a GiST index, whose index
    /// scan hands over matches one at a time, instead of the GIN index of <c>PostgresListings</c>, which answers only as a
    /// whole bitmap (<see cref="PostgresTokenNameSearch"/>). Without <c>pg_trgm</c> it creates nothing, as before.
    /// </summary>
    public partial class TrigramGist : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresTokenNameSearch.ReplaceGinSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresTokenNameSearch.BackToGinSql);
        }
    }
}
