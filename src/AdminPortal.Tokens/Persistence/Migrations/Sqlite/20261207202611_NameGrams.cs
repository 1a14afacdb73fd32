using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// The FTS5 table of the names' single characters and pairs, with its triggers, filled from the tokens already stored:
    /// name keywords of one or two characters, which the trigram index cannot answer (raw SQL, no model change).
    /// </summary>
    public partial class NameGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteTokenNameSearch.CreateGramsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteTokenNameSearch.DropGramsSql);
        }
    }
}
