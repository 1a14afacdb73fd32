using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Tokens.Options;

/// <summary>Where tokens are stored, bound from the "Database" section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Database";

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
