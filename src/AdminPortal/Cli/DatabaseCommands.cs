using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Cli;

/// <summary>
/// <c>database copy --to &lt;PostgreSQL connection string&gt;</c>: moves an SQLite installation to PostgreSQL (see
/// <see cref="StoreCopy"/>). The source is the configured database, which must be SQLite; the target must be empty.
/// </summary>
internal static class DatabaseCommands
{
    public static async Task<int> RunAsync(string verb, IEnumerable<string> rest, IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        if (verb != "copy")
        {
            throw new UsageException($"Unknown command 'database {verb}'.");
        }

        var args = new CommandArguments(rest, "to");
        if (args.Positional.Count > 0)
        {
            throw new UsageException($"Unexpected argument '{args.Positional[0]}'.");
        }

        var configured = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (configured.Provider != DatabaseProvider.Sqlite)
        {
            throw new CommandFailedException(
                "database copy reads an SQLite installation, but Database:Provider is " + configured.Provider + ". Run it with the SQLite settings of the installation to move.");
        }

        var target = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = args.Required("to") };
        var problem = DatabaseOptionsCheck.Validate(target);
        if (problem is not null)
        {
            throw new UsageException(problem.Replace("Database:ConnectionString", "--to", StringComparison.Ordinal));
        }

        IReadOnlyList<TableCount> copied;
        try
        {
            copied = await StoreCopy.CopyAsync(
                services.GetRequiredService<IDbContextFactory<TokenDbContext>>(), StoreCopy.ContextsFor(target, Path.GetTempPath()), ct: ct);
        }
        catch (Exception ex) when (ex is StoreCopy.TargetNotEmptyException or StoreCopy.CountMismatchException)
        {
            throw new CommandFailedException(ex.Message);
        }
        catch (NpgsqlException ex) when (!StorageStatus.IsUnavailable(ex))
        {
            // Wrong password, unknown database, no permission to create tables: the server's own words, never the connection string.
            throw new CommandFailedException($"The PostgreSQL database refused the copy: {ex.Message}. Nothing was copied.");
        }

        var host = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        await output.WriteLineAsync($"Copied {configured.FileName} to PostgreSQL database '{host.Database}' on {host.Host}:");
        foreach (var count in copied)
        {
            await output.WriteLineAsync($"  {count.Table,-20} {count.Rows,12:N0} rows (equal to the source)");
        }

        await output.WriteLineAsync("Next: set Database:Provider=Postgres and Database:ConnectionString, start the portal, and keep the SQLite file as a backup.");
        return ExitCodes.Success;
    }
}
