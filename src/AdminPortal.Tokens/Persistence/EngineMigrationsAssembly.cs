using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// One migration set per engine in this assembly: the migrations and model snapshot of the namespace
/// <c>...Persistence.Migrations.Sqlite</c> or <c>...Persistence.Migrations.Postgres</c>, by the context's provider. EF
/// Core's own lookup takes every migration of the context in the assembly, whatever its namespace; the design-time tools
/// (<c>dotnet ef migrations add</c>) use this lookup too, so each engine's snapshot is found and updated on its own.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF Core's internal default; only the selection by namespace is added.
internal sealed class EngineMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    /// <summary>The namespace of all migration sets; each engine's set is in a child namespace named after it.</summary>
    public const string MigrationsNamespace = "AdminPortal.Tokens.Persistence.Migrations";

    private readonly Type _contextType = currentContext.Context.GetType();
    private readonly string _namespace = NamespaceFor(currentContext.Context.Database);
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotFound;

    /// <summary>The namespace of the migration set for the engine of <paramref name="database"/>.</summary>
    public static string NamespaceFor(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database) =>
        MigrationsNamespace + "." + (database.IsNpgsql() ? "Postgres" : "Sqlite");

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition)
        .Where(t => t.Namespace == _namespace && t.IsSubclassOf(typeof(Migration)) && ForContext(t))
        .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
        .Where(m => m.Id is not null)
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .ToDictionary(m => m.Id!, m => m.Type, StringComparer.Ordinal);

    /// <inheritdoc />
    public override ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotFound)
            {
                _snapshot = Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition)
                    .Where(t => t.Namespace == _namespace && t.IsSubclassOf(typeof(ModelSnapshot)) && ForContext(t))
                    .Select(t => (ModelSnapshot)Activator.CreateInstance(t.AsType())!)
                    .SingleOrDefault();
                _snapshotFound = true;
            }

            return _snapshot;
        }
    }

    private bool ForContext(TypeInfo type) => type.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType;
}
#pragma warning restore EF1001
