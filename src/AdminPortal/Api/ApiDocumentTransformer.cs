using AdminPortal.Api.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdminPortal.Api;

/// <summary>Names the API in the OpenAPI document and declares the token scheme that every operation requires.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "AdminPortal API",
            Version = "v1",
            Description = "Token-authenticated API of AdminPortal. Send 'Authorization: Bearer <token>' (or 'Token <token>'). "
                + "Errors are application/problem+json; failed authentications are rate-limited per client address (429 with Retry-After). "
                + "Each operation names the scope it requires in x-required-scopes.",
            License = new OpenApiLicense { Name = "Proprietary: the licence of the AdminPortal installation that serves this document", Identifier = "LicenseRef-AdminPortal" },
        };

        // The address a client calls, without the trailing slash that path templates would double.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Tags = new HashSet<OpenApiTag>(
        [
            new OpenApiTag { Name = "API", Description = "Tokens, the audit log, introspection and the calling token: /api/v1, authenticated with an API token." },
            new OpenApiTag { Name = "Gateway", Description = "For reverse proxies (nginx auth_request, Traefik forward-auth): one call per request they protect." },
        ]);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiTokenDefaults.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "AdminPortal API token (adp_...)",
            Description = "An API token created in the portal or with the command line.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiTokenDefaults.Scheme, document)] = [] }];
        return Task.CompletedTask;
    }
}
