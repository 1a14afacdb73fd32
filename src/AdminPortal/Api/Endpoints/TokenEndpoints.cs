using System.Globalization;
using System.Security.Claims;
using AdminPortal.Api.Authentication;
using AdminPortal.Api.Contracts;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Api.Endpoints;

/// <summary>/api/v1/tokens: list, read, usage and revoke, as the calling token's owner (what the owner may see and do).</summary>
internal static class TokenEndpoints
{
    public static void MapTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/tokens", ListAsync).RequireScope(ApiScopes.TokensRead)
            .WithName("ListTokens").WithSummary("Tokens the owner may see, with the portal's filters, sorts and paging.")
            .ProducesValidationProblem();
        api.MapGet("/tokens/{id:guid}", GetAsync).RequireScope(ApiScopes.TokensRead)
            .WithName("GetToken").WithSummary("One token.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/tokens/{id:guid}/usage", UsageAsync).RequireScope(ApiScopes.TokensRead)
            .WithName("GetTokenUsage").WithSummary("Where and how much a token was used: its last 10 client addresses and its calls per day (days=30 or 90).")
            .Produces<TokenUsageResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/tokens/{id:guid}/revoke", RevokeAsync).RequireScope(ApiScopes.TokensWrite)
            .WithName("RevokeToken").WithSummary("Revokes a token at once; it is rejected from the next call on.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync([AsParameters] TokenListParameters query, ClaimsPrincipal user, TokenService tokens, CancellationToken ct)
    {
        var parameters = new Parameters();
        var parsed = query.Parse(parameters);
        if (!parameters.Valid)
        {
            return ApiProblems.Invalid(parameters.Errors);
        }

        var page = await tokens.QueryAsync(user.Token().OwnerId, parsed, ct);
        return page.Succeeded ? TypedResults.Ok(TokenPageResource.From(page.Value)) : ApiProblems.From(page.Error);
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, TokenService tokens, CancellationToken ct) =>
        Answer(await tokens.GetAsync(user.Token().OwnerId, id, ct));

    private static async Task<IResult> UsageAsync(Guid id, [FromQuery(Name = "days")] string? days, ClaimsPrincipal user, TokenService tokens, CancellationToken ct)
    {
        var period = string.IsNullOrEmpty(days) ? TokenUsageReport.Periods[0] : TokenUsageReport.Periods.FirstOrDefault(p => p.ToString(CultureInfo.InvariantCulture) == days);
        if (period == 0)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]> { ["days"] = [$"'days' must be {string.Join(" or ", TokenUsageReport.Periods)}."] });
        }

        var usage = await tokens.GetUsageAsync(user.Token().OwnerId, id, period, ct);
        return usage.Succeeded ? TypedResults.Ok(TokenUsageResource.Of(usage.Value)) : ApiProblems.From(usage.Error);
    }

    private static async Task<IResult> RevokeAsync(Guid id, ClaimsPrincipal user, TokenService tokens, CancellationToken ct) =>
        Answer(await tokens.RevokeAsync(user.Token().OwnerId, id, ct));

    private static IResult Answer(Result<TokenView> result) =>
        result.Succeeded ? TypedResults.Ok(TokenResource.From(result.Value)) : ApiProblems.From(result.Error);
}
