using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Tokens.Options;

/// <summary>Stops the start when the "Database" settings do not name one usable store, naming the setting at fault.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        DatabaseOptionsCheck.Validate(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

/// <summary>What is wrong with a set of "Database" settings, naming the setting; null when they name one usable store.</summary>
public static class DatabaseOptionsCheck
{
    /// <summary>The problem, or null.</summary>
    public static string? Validate(DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return "Database:Provider must be Sqlite or Postgres.";
        }

        if (options.ChangeCheckInterval <= TimeSpan.Zero || options.ChangeTrustDuration <= options.ChangeCheckInterval)
        {
            return "Database:ChangeCheckInterval must be positive and shorter than Database:ChangeTrustDuration.";
        }

        if (options.ChangeLogRetention <= options.ChangeGapTimeout || options.ChangeGapTimeout <= TimeSpan.Zero)
        {
            return "Database:ChangeGapTimeout must be positive and shorter than Database:ChangeLogRetention.";
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? null
                : "Database:ConnectionString is set but Database:Provider is Sqlite, which uses the file Database:DataDirectory/Database:FileName. " +
                    "Set Database:Provider to Postgres to use the connection string, or remove it.";
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return "Database:ConnectionString is required when Database:Provider is Postgres.";
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The message names the keyword at fault, never the value (it may hold a password).
            return $"Database:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}";
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            return "Database:ConnectionString names no Host.";
        }

        return string.IsNullOrWhiteSpace(parsed.Database)
            ? "Database:ConnectionString names no Database."
            : null;
    }
}
