using AdminPortal.Tokens.Audit;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Secrets;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        services.AddDbContextFactory<TokenDbContext>((sp, options) =>
        {
            var path = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DatabasePath(contentRoot);
            options.UseSqlite($"Data Source={path};Foreign Keys=True");
            options.AddInterceptors(sp.GetRequiredService<StorageStatus>());
            UseCommonSettings(options);
            configureStore?.Invoke(options);
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StorageStatus>();
        services.AddSingleton(sp => new ScopeCatalog(sp.GetRequiredService<IOptions<TokenOptions>>().Value));
        services.AddSingleton<TokenSecrets>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton(sp => new CrossProcessChanges(
            CrossProcessChanges.PathFor(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.DatabasePath(contentRoot))));
        services.AddSingleton<ITokenChangeListener>(sp => sp.GetRequiredService<CrossProcessChanges>());
        services.AddSingleton<VerificationCache>();
        services.AddSingleton<ITokenChangeListener>(sp => sp.GetRequiredService<VerificationCache>());
        services.AddSingleton<TokenChanges>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenVerifier>();
        services.AddSingleton<UserService>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService<DatabaseMigrator>();
        services.AddHostedService<UsageFlushService>();
        return services;
    }

    /// <summary>Settings every provider shares.</summary>
    public static DbContextOptionsBuilder UseCommonSettings(DbContextOptionsBuilder options) =>
        // Migrations are hand-written without a model snapshot; a schema test guards drift instead.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
}
