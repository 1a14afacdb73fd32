using AdminPortal.Tokens.Persistence.Search;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminPortal.Tokens.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only, no model change (raw SQL only): the name search also indexes a marker of each of the token's scopes
    /// (<see cref="SqliteTokenNameSearch"/>), so that a keyword and a scope are looked up together. An FTS5 table takes no
    /// new column: it is made again and filled from the tokens (a million tokens: 18 s once, in the sqlite3 shell).
    /// </summary>
    public partial class NameSearchScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteTokenNameSearch.DropSql);
            migrationBuilder.Sql(SqliteTokenNameSearch.CreateSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqliteTokenNameSearch.DropSql);
            migrationBuilder.Sql(SqliteTokenNameSearch.CreateNamesOnlySql);
        }
    }
}
