using AdminPortal.Api.Authentication;

namespace AdminPortal.Api.Endpoints;

/// <summary>Lets a call through only when the token's effective scopes include the endpoint's scope; else 403 naming it.</summary>
internal static class ScopeFilter
{
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string scope) =>
        endpoint
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.User.Token().EffectiveScopes.Contains(scope) ? await next(context) : ApiProblems.MissingScope(scope))
            .WithMetadata(new RequiredScope(scope))
            .WithDescription($"Requires the scope `{scope}`.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
}

/// <summary>The scope an endpoint requires, for the OpenAPI document (x-required-scopes).</summary>
internal sealed record RequiredScope(string Scope);
