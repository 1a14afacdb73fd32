using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Tokens.Options;

/// <summary>Stops the start when the "Database" settings do not name one usable store, naming the setting at fault.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Database:Provider must be Sqlite or Postgres.");
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "Database:ConnectionString is set but Database:Provider is Sqlite, which uses the file Database:DataDirectory/Database:FileName. " +
                    "Set Database:Provider to Postgres to use the connection string, or remove it.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Database:ConnectionString is required when Database:Provider is Postgres.");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The message names the keyword at fault, never the value (it may hold a password).
            return ValidateOptionsResult.Fail($"Database:ConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            return ValidateOptionsResult.Fail("Database:ConnectionString names no Host.");
        }

        return string.IsNullOrWhiteSpace(parsed.Database)
            ? ValidateOptionsResult.Fail("Database:ConnectionString names no Database.")
            : ValidateOptionsResult.Success;
    }
}
