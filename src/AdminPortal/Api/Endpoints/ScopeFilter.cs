using AdminPortal.Api.Authentication;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Api.Endpoints;

/// <summary>Lets a call through only when the token's effective scopes include the endpoint's scope; else 403 naming it.</summary>
internal static class ScopeFilter
{
    public static RouteHandlerBuilder RequireScope(this RouteHandlerBuilder endpoint, string scope) =>
        endpoint
            .AddEndpointFilter(async (context, next) =>
            {
                var token = context.HttpContext.User.Token();
                if (token.EffectiveScopes.Contains(scope))
                {
                    return await next(context);
                }

                CountRefusal(context.HttpContext, token);
                return ApiProblems.MissingScope(scope);
            })
            .WithMetadata(new RequiredScope(scope))
            .WithDescription($"Requires the scope `{scope}`.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Counts the call in the token's daily usage as refused for its scope rather than accepted.</summary>
    public static void CountRefusal(HttpContext context, TokenIdentity token)
    {
        var services = context.RequestServices;
        services.GetRequiredService<UsageRecorder>()
            .Refused(token.TokenId, CallOutcome.InsufficientScope, services.GetRequiredService<TimeProvider>().GetUtcNow(), afterAcceptance: true);
    }
}

/// <summary>The scope an endpoint requires, for the OpenAPI document (x-required-scopes).</summary>
internal sealed record RequiredScope(string Scope);
