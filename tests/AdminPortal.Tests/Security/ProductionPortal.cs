using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Security;

/// <summary>The portal of a <see cref="PortalFactory"/> in the Production environment, and clients for it.</summary>
internal static class ProductionPortal
{
    /// <summary>A request to this path throws, after the portal's own pipeline (so its error handling wraps it).</summary>
    public const string FailingPagePath = "/test-only/fails";

    /// <summary>The message of the thrown exception, which must never reach a client.</summary>
    public const string ExceptionDetail = "detail-that-must-not-leak";

    /// <summary>
    /// The portal in Production, with an identity provider at <paramref name="authority"/> (never contacted here) and
    /// the test-only failing paths; <paramref name="settings"/> are added as they are.
    /// </summary>
    public static WebApplicationFactory<Program> InProduction(this PortalFactory portal, string authority = "https://login.example.com", params (string Key, string Value)[] settings) =>
        portal.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production")
                .UseSetting("Authentication:Oidc:Authority", authority)
                .UseSetting("Authentication:Oidc:ClientId", "adminportal")
                .UseSetting("Authentication:Oidc:ClientSecret", "unused")
                .UseSetting("Authentication:Oidc:FixedTenant", "acme")
                .UseSetting("Authentication:Oidc:UnmappedUsers", "User")
                .ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingPathFilter>());
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    /// <summary>A client of <paramref name="factory"/> at <paramref name="baseAddress"/> that does not follow redirects.</summary>
    public static HttpClient Client(this WebApplicationFactory<Program> factory, string baseAddress = "https://portal.example/") =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false });

    private sealed class FailingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == FailingPagePath
                    ? throw new InvalidOperationException(ExceptionDetail)
                    : following(context));
        };
    }
}
