using AdminPortal.Api.Authentication;
using AdminPortal.Api.Endpoints;
using AdminPortal.Api.SecretScanning;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.Api;

/// <summary>Registers and maps the token-authenticated API, /auth/verify and the OpenAPI document.</summary>
public static class TokenApiExtensions
{
    /// <summary>The OpenAPI document's path.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The API-token authentication scheme, its policy, the failed-authentication limiter and the OpenAPI document.</summary>
    public static IHostApplicationBuilder AddTokenApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddSingleton<ApiTokenAuthenticator>();
        services.AddOptions<SecretScanningOptions>().BindConfiguration(SecretScanningOptions.Section);
        services.AddSingleton<ScannerSignatures>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenDefaults.Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiTokenDefaults.Scheme, policy => policy
            .AddAuthenticationSchemes(ApiTokenDefaults.Scheme)
            .RequireAuthenticatedUser());
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true
                || d.RelativePath?.StartsWith("auth/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiOperationTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// /api/v1 (every endpoint requires an API token), /auth/verify, and the OpenAPI document at <see cref="OpenApiPath"/>;
    /// also adds the middleware that checks the tokens, here, so that the endpoints can never be mapped without it.
    /// </summary>
    public static WebApplication MapTokenApi(this WebApplication app)
    {
        app.UseApiTokens();
        var api = app.MapGroup("/api/v1")
            .AddEndpointFilter<ApiResponseFilter>()
            .RequireApiToken()
            .WithTags("API")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapMe();
        api.MapTokens();
        api.MapRotate();
        api.MapAudit();
        api.MapIntrospection();

        // Unknown API paths answer problem+json, not the portal's HTML "not found" page.
        app.MapFallback("/api/{**path}", () => ApiProblems.NotFound()).ExcludeFromDescription();
        app.MapVerify();
        app.MapSecretScanning();
        app.MapOpenApi();
        return app;
    }
}
