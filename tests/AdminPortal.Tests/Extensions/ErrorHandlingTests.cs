using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Extensions;

public sealed class ErrorHandlingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string FailingPath = "/test-only/fails";
    private const string DiskFullPath = "/test-only/disk-full";
    // Under /auth/verify (an API path, see IsApiCall) but no endpoint: the request reaches the failing middleware.
    private const string ApiDiskFullPath = "/auth/verify/test-only/disk-full";
    private const string ExceptionDetail = "detail-that-must-not-leak";

    [Fact]
    public async Task Unhandled_exception_outside_development_renders_the_error_page_without_details()
    {
        using var client = ProductionClient();

        using var response = await client.GetAsync(new Uri(FailingPath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ExceptionDetail, html, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_that_cannot_be_written_renders_503_and_says_so_without_details()
    {
        using var client = ProductionClient();

        using var response = await client.GetAsync(new Uri(DiskFullPath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("The portal cannot save changes at present", html, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ExceptionDetail, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Sqlite", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_call_that_meets_unwritable_storage_answers_503_problem_in_development_too()
    {
        using var client = portal.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingPathFilter>()))
            .CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri(ApiDiskFullPath, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(ExceptionDetail, body, StringComparison.Ordinal);
    }

    private HttpClient ProductionClient()
    {
        var production = portal.WithWebHostBuilder(builder => builder
            .UseEnvironment("Production")
            // Outside Development the portal starts only with an identity provider (never contacted here).
            .UseSetting("Authentication:Oidc:Authority", "https://login.example.com")
            .UseSetting("Authentication:Oidc:ClientId", "adminportal")
            .UseSetting("Authentication:Oidc:ClientSecret", "unused")
            .UseSetting("Authentication:Oidc:FixedTenant", "acme")
            .UseSetting("Authentication:Oidc:UnmappedUsers", "User")
            .ConfigureServices(services => services.AddSingleton<IStartupFilter, FailingPathFilter>()));
        return production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    // Appended after the portal's own pipeline, so the portal's exception handling wraps it.
    private sealed class FailingPathFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path == FailingPath ? throw new InvalidOperationException(ExceptionDetail)
                // What EF Core throws when SQLite cannot write (SQLITE_FULL); the real disk is filled in the API tests.
                : context.Request.Path == DiskFullPath || context.Request.Path == ApiDiskFullPath ? throw new DbUpdateException(ExceptionDetail, new SqliteException("SQLite Error 13: 'database or disk is full'.", 13))
                : following(context));
        };
    }
}
