using AdminPortal.Tokens.Guard;
using AdminPortal.Tokens.Audit;
using AdminPortal.Tokens.Notifications;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Telemetry;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens;

/// <summary>Registers the token domain and its store.</summary>
public static class TokenDomainRegistration
{
    /// <summary>Adds the token domain to a host, its SQLite file under the host's content root.</summary>
    public static IHostApplicationBuilder AddTokenDomain(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTokenDomain(builder.Environment.ContentRootPath);
        return builder;
    }

    /// <summary>
    /// Adds the token service, verifier, user service, the SQLite store (migrated at start) and the usage writer,
    /// with options bound from "Tokens" and "Database" and validated at start. <paramref name="configureStore"/>
    /// lets tests observe the store's commands.
    /// </summary>
    public static IServiceCollection AddTokenDomain(this IServiceCollection services, string contentRoot, Action<DbContextOptionsBuilder>? configureStore = null)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddDbContextFactory<TokenDbContext>((sp, options) =>
        {
            UseStore(options, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, contentRoot);
            options.AddInterceptors(sp.GetRequiredService<StorageStatus>());
            configureStore?.Invoke(options);
        });

        services.TryAddSingleton(TimeProvider.System);
        // On the host's meter factory when there is one (each host its own meter instance), else on a meter of its own.
        services.TryAddSingleton(sp => new PortalTelemetry(sp.GetService<IMeterFactory>()));
        services.AddSingleton<StorageStatus>();
        services.AddSingleton(sp => new ScopeCatalog(sp.GetRequiredService<IOptions<TokenOptions>>().Value));
        services.AddSingleton<TokenSecrets>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<VerificationCache>(sp =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var otherProcesses = database.Provider == DatabaseProvider.Sqlite ? sp.GetRequiredService<CrossProcessChanges>() : null;
            // On PostgreSQL the cache answers only while PostgresChanges can tell that it heard every change.
            return new VerificationCache(sp.GetRequiredService<IOptions<TokenOptions>>(), otherProcesses, trusted: otherProcesses is not null);
        });
        // SQLite: the processes on one file tell each other through a memory-mapped file beside it. PostgreSQL: through
        // the change log and the database's own notifications (both written in each change's transaction, LISTEN in every
        // process; see PostgresChanges).
        services.AddSingleton(sp => new CrossProcessChanges(
            CrossProcessChanges.PathFor(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DatabasePath(contentRoot))));
        services.AddSingleton(sp =>
        {
            var changes = ActivatorUtilities.CreateInstance<PostgresChanges>(sp);
            // Propagation lag: from a change's commit on another node (the database's clock) to its arrival here.
            changes.ChangeHeard += sp.GetRequiredService<PortalTelemetry>().ChangeArrived;
            return changes;
        });
        services.AddSingleton<ITokenChangeListener>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Sqlite
                ? sp.GetRequiredService<CrossProcessChanges>()
                : sp.GetRequiredService<PostgresChanges>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresChanges>());
        services.AddSingleton<ITokenChangeListener>(sp => sp.GetRequiredService<VerificationCache>());
        services.AddSingleton(sp => new TokenChanges(
            sp.GetServices<ITokenChangeListener>(),
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.Postgres ? sp.GetRequiredService<PostgresChanges>() : null,
            sp.GetRequiredService<PortalTelemetry>()));
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenRateLimiter>();
        services.AddSingleton<LeakedSecrets>();
        services.AddSingleton<SecretReuseDetector>();
        services.AddSingleton<TokenVerifier>();
        services.AddSingleton<UserService>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AdminPortal.Tokens.Calendar.CalendarFeeds>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService<SqliteStatistics>();
        services.AddHostedService<UsageFlushService>();
        services.AddNotifications();
        services.AddHostedService<SecretReuseService>();
        return services;
    }

    /// <summary>
    /// The scheduled notices (expiry, clean-up of unused tokens) and their delivery by e-mail, with the "Notifications"
    /// settings validated at start. The first round runs when the host has started (the schema is migrated by then).
    /// </summary>
    private static void AddNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton<NoticeProducer>();
        services.AddSingleton<NoticeSender>();
        services.AddHostedService<NoticeProducerService>();
        services.AddHostedService<NoticeSenderService>();
    }

    /// <summary>
    /// The connection string with PostgreSQL's just-in-time compilation off for the portal's sessions (added to any
    /// <c>Options</c> it has): a listing of a large tenant has plan costs above the compiler's threshold, and compiling
    /// took 100-150 ms of a query that runs in a few (JIT pays off for long analytical queries, not for pages of 25 rows).
    /// </summary>
    internal static string? WithoutJit(string? connectionString)
    {
        if (connectionString is null)
        {
            return null;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c jit=off" : builder.Options + " -c jit=off";
        return builder.ConnectionString;
    }

    /// <summary>
    /// Points <paramref name="options"/> at the configured store: the SQLite file under <paramref name="contentRoot"/> or
    /// the PostgreSQL database, each with its own migration set (<see cref="EngineMigrationsAssembly"/>).
    /// </summary>
    public static DbContextOptionsBuilder UseStore(DbContextOptionsBuilder options, DatabaseOptions database, string contentRoot)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(WithoutJit(database.ConnectionString));
                break;
            default:
                options.UseSqlite($"Data Source={database.DatabasePath(contentRoot)};Foreign Keys=True").AddInterceptors(SqliteMemoryMap.Instance);
                break;
        }

        return options.ReplaceService<IMigrationsAssembly, EngineMigrationsAssembly>();
    }
}
