using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Postgres
{
    /// <summary>
    /// The function of the names' single characters and pairs and its GIN index (raw SQL, no model change; no extension):
    /// name keywords of one or two characters, which have no trigram (<see cref="PostgresTokenNameSearch.CreateGramsSql"/>).
    /// </summary>
    public partial class NameGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresTokenNameSearch.CreateGramsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresTokenNameSearch.DropGramsSql);
        }
    }
}
