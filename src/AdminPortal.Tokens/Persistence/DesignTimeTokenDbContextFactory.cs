using AdminPortal.Tokens.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// The context for the EF Core tools (<c>dotnet ef migrations add</c>), for one engine: <c>-- --provider Sqlite</c> (the
/// default) or <c>-- --provider Postgres</c>, optionally <c>--connection "Host=...;Database=..."</c> for commands that
/// reach a PostgreSQL server (adding a migration does not). Each engine's migrations and snapshot live in their own
/// namespace (see <see cref="EngineMigrationsAssembly"/>); pass the matching <c>--output-dir</c> when adding one.
/// </summary>
internal sealed class DesignTimeTokenDbContextFactory : IDesignTimeDbContextFactory<TokenDbContext>
{
    public TokenDbContext CreateDbContext(string[] args)
    {
        var database = new DatabaseOptions { DataDirectory = Path.GetTempPath(), FileName = "adminportal-design.db" };
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--provider":
                    database.Provider = Enum.Parse<DatabaseProvider>(args[i + 1], ignoreCase: true);
                    break;
                case "--connection":
                    database.ConnectionString = args[i + 1];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument {args[i]}: expected --provider Sqlite|Postgres and --connection <PostgreSQL connection string>.");
            }
        }

        if (database.Provider == DatabaseProvider.Postgres)
        {
            database.ConnectionString ??= "Host=localhost;Database=adminportal";
        }

        var options = new DbContextOptionsBuilder<TokenDbContext>();
        TokenDomainRegistration.UseStore(options, database, Directory.GetCurrentDirectory());
        return new TokenDbContext(options.Options);
    }
}
