using AdminPortal.Tokens;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Cli;

/// <summary>
/// The operators' commands, run by the same executable without the web server, against the configured database
/// (appsettings.json, environment variables such as <c>Database__DataDirectory</c>). See <see cref="Usage"/>.
/// </summary>
public static class OperatorCommandLine
{
    /// <summary>The help text.</summary>
    public const string Usage = """
        Usage: AdminPortal <command> [options]     (with dotnet run: dotnet run --project src/AdminPortal -- <command>)

          tokens create --owner <email|subject> --name <name> --scope <scope> [--scope <scope>...]
                        [--description <text>] [--valid-from <ISO 8601>] [--valid-to <ISO 8601>] [--tenant <key>]
                        Creates a token owned by that user; prints its secret once, alone on standard output.
                        --owner operator: owned by the tenant's built-in operator (creates the tenant if needed):
                        the first automation token of a fresh installation.
          tokens list [--tenant <key>] [--owner <email|subject>] [--status usable|all|valid|scheduled|expired|revoked|suspended]
          tokens edit <guid> [--name <name>] [--description <text>] [--scope <scope>...] [--valid-from <ISO 8601>] [--valid-to <ISO 8601>]
                        Changes the fields given, keeps the others.
          tokens revoke <guid>        Revokes at once.
          tokens restore <guid>       Restores a revoked token that has not expired.
          tokens roll <guid> [--grace none|1h|1d|7d|<ISO 8601 duration>]     (also: tokens rotate)
                        Replaces the secret of a token the operator owns; prints the new secret once, alone on standard
                        output. The old secret keeps working for the grace period (none by default), within the policy.
          users deactivate <email|subject> [--tenant <key>]    Suspends all of the user's tokens.
          users reactivate <email|subject> [--tenant <key>]
          database copy --to <PostgreSQL connection string>
                        Copies this SQLite installation (Database:Provider Sqlite) into an empty PostgreSQL database:
                        every table, in one transaction, verified by row counts. Stop the portal first.

        Commands act as the tenant's built-in "Operator (command line)" full admin, recorded in the audit log.
        Exit codes: 0 done, 1 refused or failed (message on standard error), 2 wrong usage.
        """;

    /// <summary>Whether <paramref name="args"/> name an operator command rather than starting the portal.</summary>
    public static bool Handles(string[] args) => args is ["tokens" or "users" or "database" or "help" or "--help", ..];

    /// <summary>Runs one command and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? messages = null, CancellationToken ct = default) =>
        RunAsync(args, settings: null, output, messages, ct);

    /// <summary>
    /// Runs one command and returns its exit code, with <paramref name="settings"/> ("Section:Key" = value; the host's
    /// "environment" and "contentRoot" too) over the configuration: the tests run commands in their own process this
    /// way. Warnings are logged to <paramref name="messages"/>: by the console logger when it is standard error, else
    /// one line per entry.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, IReadOnlyDictionary<string, string?>? settings, TextWriter? output = null, TextWriter? messages = null, CancellationToken ct = default)
    {
        output ??= Console.Out;
        messages ??= Console.Error;
        if (args is ["help" or "--help", ..] or [_, "--help" or "help", ..] or [_])
        {
            var wanted = args is ["help" or "--help", ..] or [_, "--help" or "help", ..];
            await (wanted ? output : messages).WriteLineAsync(Usage);
            return wanted ? ExitCodes.Success : ExitCodes.Usage;
        }

        try
        {
            await using var services = BuildServices(settings, messages);
            await TokenDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<TokenDbContext>>(), ct);
            if (args[0] == "database")
            {
                return await DatabaseCommands.RunAsync(args[1], args[2..], services, output, ct);
            }

            var context = ActivatorUtilities.CreateInstance<OperatorContext>(services);
            return args[0] == "tokens"
                ? await TokenCommands.RunAsync(args[1], args[2..], context, output, messages, ct)
                : await UserCommands.RunAsync(args[1], args[2..], context, output, ct);
        }
        catch (UsageException ex)
        {
            await messages.WriteLineAsync($"error: {ex.Message}\n\n{Usage}");
            return ExitCodes.Usage;
        }
        catch (CommandFailedException ex)
        {
            await messages.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (StorageStatus.IsUnavailable(ex))
        {
            // Before the command itself (migration lock, the operator's sign-in) or outside the token service.
            await messages.WriteLineAsync($"error: The database cannot be written or opened ({ex.Message.Split('\n')[0].TrimEnd('.')}). Nothing was changed; free disk space or make the database writable and try again.");
            return ExitCodes.Failed;
        }
    }

    /// <summary>The portal's own configuration and token domain, without the web server; logs only warnings, to <paramref name="messages"/>.</summary>
    private static ServiceProvider BuildServices(IReadOnlyDictionary<string, string?>? settings, TextWriter messages)
    {
        // The host's own keys ("environment", "contentRoot") choose the appsettings files, so they apply from the start.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = settings?.GetValueOrDefault(HostDefaults.EnvironmentKey),
            ContentRootPath = settings?.GetValueOrDefault(HostDefaults.ContentRootKey),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        if (ReferenceEquals(messages, Console.Error))
        {
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        else
        {
            builder.Logging.AddProvider(new WriterLoggerProvider(messages));
        }

        builder.Services.Configure<LoggerFilterOptions>(o =>
        {
            // The portal's own levels (appsettings) would print every change at Information; commands say it themselves.
            o.Rules.Clear();
            o.MinLevel = LogLevel.Warning;

            // A failed SQL command is reported by the command itself, in one line ("error: ..."), not as EF's SQL dump.
            o.Rules.Add(new LoggerFilterRule(null, "Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None, null));
        });
        builder.AddTokenDomain();
        return (ServiceProvider)builder.Services.BuildServiceProvider();
    }
}
