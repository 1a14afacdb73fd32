using System.Security.Claims;
using AdminPortal.Api.Authentication;
using AdminPortal.Api.Contracts;
using AdminPortal.Tokens.Audit;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Api.Endpoints;

/// <summary>GET /api/v1/audit: the audit log the token's owner may read, newest first, paged.</summary>
internal static class AuditEndpoint
{
    public static void MapAudit(this RouteGroupBuilder api) =>
        api.MapGet("/audit", ReadAsync).RequireScope(ApiScopes.AuditRead)
            .WithName("ReadAudit").WithSummary("Audit entries, newest first: filter by token, actor and time range [from, to); page numbers reach the first 10,000 entries, the cursor (after = next of the previous page) every one.")
            .Produces<AuditPageResource>()
            .ProducesValidationProblem();

    private static async Task<IResult> ReadAsync(
        [FromQuery(Name = "token")] string? token,
        [FromQuery(Name = "actor")] string? actor,
        [FromQuery(Name = "from")] string? from,
        [FromQuery(Name = "to")] string? to,
        [FromQuery(Name = "page")] string? page,
        [FromQuery(Name = "pageSize")] string? pageSize,
        [FromQuery(Name = "after")] string? after,
        ClaimsPrincipal user,
        AuditLog log,
        CancellationToken ct)
    {
        var p = new Parameters();
        var query = new AuditQuery
        {
            TokenId = p.Guid("token", token),
            ActorId = p.Guid("actor", actor),
            From = p.Instant("from", from),
            To = p.Instant("to", to),
            Page = p.Int("page", page, 1, 1, int.MaxValue),
            PageSize = p.Int("pageSize", pageSize, 25, 1, AuditQuery.MaxPageSize),
            After = after,
        };
        if (!p.Valid)
        {
            return ApiProblems.Invalid(p.Errors);
        }

        var result = await log.QueryAsync(user.Token().OwnerId, query, ct);
        return result.Succeeded ? TypedResults.Ok(AuditPageResource.From(result.Value)) : ApiProblems.From(result.Error);
    }
}
