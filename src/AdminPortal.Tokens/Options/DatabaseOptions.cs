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

    /// <summary>
    /// PostgreSQL: how often each node checks its listening connection with a round trip on it (which also proves that
    /// every change committed before the check has been heard). Must be shorter than <see cref="ChangeTrustDuration"/>.
    /// </summary>
    public TimeSpan ChangeCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// PostgreSQL: how long after a check was sent the node still answers from its verification cache without a newer
    /// check having come back. It bounds how late a change made on another node can be seen: no call that begins more
    /// than this after a change was acknowledged is answered from a cache that has not heard it. While no check is this
    /// recent (listener down, server slow, catch-up not done) verification reads the database.
    /// </summary>
    public TimeSpan ChangeTrustDuration { get; set; } = TimeSpan.FromMilliseconds(750);

    /// <summary>PostgreSQL: how long rows of the change log are kept (a node away longer drops its whole cache when it returns).</summary>
    public TimeSpan ChangeLogRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// PostgreSQL: how long a position missing from the changes a node heard is waited for (a transaction that took the
    /// number and has not committed yet) before it is taken as rolled back. Until then a reconnecting node re-reads from it.
    /// </summary>
    public TimeSpan ChangeGapTimeout { get; set; } = TimeSpan.FromMinutes(5);

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
