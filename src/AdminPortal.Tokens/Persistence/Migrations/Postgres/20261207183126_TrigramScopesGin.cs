using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL only, no model change (raw SQL only): a GIN index of the names' trigrams and the scopes together, for a
    /// keyword that is rare among a scope's tokens (<see cref="PostgresTokenNameSearch.ScopesIndexName"/>). Without
    /// <c>pg_trgm</c> it creates nothing, as the trigram index.
    /// </summary>
    public partial class TrigramScopesGin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresTokenNameSearch.CreateScopesIndexSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresTokenNameSearch.DropScopesIndexSql);
        }
    }
}
