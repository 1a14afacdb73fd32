using System.Security.Claims;
using AdminPortal.Api.Authentication;
using AdminPortal.Api.Contracts;

namespace AdminPortal.Api.Endpoints;

/// <summary>GET /api/v1/me: the calling token (any valid token may ask).</summary>
internal static class MeEndpoint
{
    public static void MapMe(this RouteGroupBuilder api) =>
        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(MeResource.From(user.Token())))
            .WithName("GetMe")
            .WithSummary("The calling token: GUID, name, owner, tenant, effective scopes and validity.");
}
