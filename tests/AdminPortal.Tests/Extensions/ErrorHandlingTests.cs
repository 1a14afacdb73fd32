using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Extensions;

public sealed class ErrorHandlingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string FailingPath = "/test-only/fails";
    private const string ExceptionDetail = "detail-that-must-not-leak";

    [Fact]
    public async Task Unhandled_exception_outside_development_renders_the_error_page_without_details()
    {
        using var production = portal.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            // Outside Development the portal starts only with an identity provider (never contacted here).
            .UseSetting("Authentication:Oidc:Authority", "https://login.example.com")
            .UseSetting("Authentication:Oidc:ClientId", "adminportal")
            .UseSetting("Authentication:Oidc:ClientSecret", "unused")
            .UseSetting("Authentication:Oidc:FixedTenant", "acme")
            .UseSetting("Authentication:Oidc:UnmappedUsers", "User")
            .ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingPathFilter>()));
        using var client = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(FailingPath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ExceptionDetail, html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), html, StringComparison.Ordinal);
    }

    // Appended after the portal's own pipeline, so the portal's exception handling wraps it.
    private sealed class FailingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == FailingPath
                    ? throw new InvalidOperationException(ExceptionDetail)
                    : following(context));
        };
    }
}
