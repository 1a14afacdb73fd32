using AdminPortal.Api.Authentication;

namespace AdminPortal.Api.Endpoints;

/// <summary>
/// /auth/verify, for reverse proxies (nginx <c>auth_request</c>, Traefik forward-auth): 200 with headers naming the
/// token, owner, tenant and scopes; 401/403/429 as for any API call; 403 naming the scope when the optional
/// <c>scope</c> parameter (one or more, space-separated) is not held. Any method, since nginx sends the original one.
/// </summary>
internal static class VerifyEndpoint
{
    public const string Path = "/auth/verify";

    private static readonly string[] OtherMethods = [HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public static void MapVerify(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Verify).AddEndpointFilter<ApiResponseFilter>().RequireApiToken()
            .WithName("VerifyForProxy").WithTags("Gateway")
            .WithSummary("For reverse proxies: 200 with X-Auth-* identity headers, or 401/403/429.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        app.MapMethods(Path, OtherMethods, Verify).AddEndpointFilter<ApiResponseFilter>().RequireApiToken()
            .ExcludeFromDescription();
    }

    private static IResult Verify(HttpContext context, string? scope)
    {
        var token = context.User.Token();
        foreach (var required in (scope ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!token.EffectiveScopes.Contains(required))
            {
                return ApiProblems.MissingScope(required.Length <= 100 ? required : required[..100]);
            }
        }

        var headers = context.Response.Headers;
        headers["X-Auth-Token-Id"] = token.TokenId.ToString();
        headers["X-Auth-Owner-Id"] = token.OwnerId.ToString();
        headers["X-Auth-Owner-Name"] = Uri.EscapeDataString(token.OwnerName);
        headers["X-Auth-Tenant-Id"] = token.TenantId.ToString();
        headers["X-Auth-Scopes"] = string.Join(' ', token.EffectiveScopes.Order(StringComparer.Ordinal));
        return TypedResults.Ok();
    }
}
