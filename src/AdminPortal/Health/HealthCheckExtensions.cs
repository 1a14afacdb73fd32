using AdminPortal.Tokens.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AdminPortal.Health;

public static class HealthCheckExtensions
{
    /// <summary>Tag of the checks that must pass before the node takes traffic (GET /healthz/ready).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// The one place where the portal's health checks are registered. Dependencies (the database)
    /// are readiness checks: register them here with <c>tags: [ReadyTag]</c>. Liveness runs no check.
    /// </summary>
    public static IHostApplicationBuilder AddPortalHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<TokenDbContext>("database", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag]);
        return builder;
    }

    /// <summary>GET /healthz: the process answers (liveness). GET /healthz/ready: its dependencies answer too.</summary>
    public static WebApplication MapPortalHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = IsReadinessCheck });
        return app;
    }

    private static bool IsReadinessCheck(HealthCheckRegistration check) => check.Tags.Contains(ReadyTag);
}
