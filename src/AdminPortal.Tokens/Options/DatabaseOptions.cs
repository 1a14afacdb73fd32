using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Tokens.Options;

/// <summary>Which database engine stores tokens, and where, bound from the "Database" section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Database";

    /// <summary>The engine: <see cref="DatabaseProvider.Sqlite"/> (the default, an embedded file) or <see cref="DatabaseProvider.Postgres"/>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql's keywords: Host, Port, Database, Username, Password, ...); required for Postgres, not used by SQLite.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder of the embedded SQLite file, relative to the app's content root unless absolute.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The SQLite file name inside <see cref="DataDirectory"/>.</summary>
    [Required]
    [RegularExpression(@"^[\w.-]+$", ErrorMessage = "Database:FileName must be a plain file name.")]
    public string FileName { get; set; } = "adminportal.db";

    /// <summary>Full path of the SQLite file for a content root.</summary>
    public string DatabasePath(string contentRoot) => Path.Combine(Path.GetFullPath(DataDirectory, contentRoot), FileName);
}

/// <summary>The database engines the portal runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: one machine, nothing to run beside the portal.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: several portal nodes can share it.</summary>
    Postgres,
}
