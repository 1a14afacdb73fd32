using System.Globalization;
using System.Security.Claims;
using AdminPortal.Api.Authentication;
using AdminPortal.Api.Contracts;
using AdminPortal.Tokens.Service;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Api.Endpoints;

/// <summary>
/// /api/v1/tokens: list, read, create, edit, revoke, restore and delete, as the calling token's owner (what the owner may
/// see and do in the portal, through the same token service methods). Reads need <c>tokens:read</c>, changes
/// <c>tokens:write</c>. One token's answer carries its version as an ETag; an edit must send it back in If-Match.
/// </summary>
internal static class TokenEndpoints
{
    public static void MapTokens(this RouteGroupBuilder api)
    {
        api.MapGet("/tokens", ListAsync).RequireScope(ApiScopes.TokensRead)
            .WithName("ListTokens").WithSummary("Tokens the owner may see, with the portal's filters, sorts and paging.")
            .Produces<TokenPageResource>()
            .ProducesValidationProblem();
        api.MapGet("/tokens/{id:guid}", GetAsync).RequireScope(ApiScopes.TokensRead)
            .WithName("GetToken").WithSummary("One token, with its version as the ETag (send it in If-Match to edit).")
            .Produces<TokenResource>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/tokens", CreateAsync).RequireScope(ApiScopes.TokensWrite)
            .WithName("CreateToken").WithSummary("Creates a token and answers its secret, once (201 with Location and ETag).")
            .Accepts<TokenCreateRequest>("application/json")
            .Produces<CreatedTokenResource>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        foreach (var (method, name, summary) in new[]
        {
            (HttpMethods.Patch, "UpdateToken", "Changes the fields given (omitted ones keep their value); If-Match must carry the token's ETag."),
            (HttpMethods.Put, "ReplaceToken", "Replaces name, description, scopes and validity; If-Match must carry the token's ETag."),
        })
        {
            api.MapMethods("/tokens/{id:guid}", [method], method == HttpMethods.Patch ? PatchAsync : PutAsync).RequireScope(ApiScopes.TokensWrite)
                .WithName(name).WithSummary(summary)
                .Accepts<TokenEditRequest>("application/json")
                .Produces<TokenResource>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        }

        api.MapPost("/tokens/{id:guid}/revoke", RevokeAsync).RequireScope(ApiScopes.TokensWrite)
            .WithName("RevokeToken").WithSummary("Revokes a token at once; it is rejected from the next call on.")
            .Produces<TokenResource>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/tokens/{id:guid}/restore", RestoreAsync).RequireScope(ApiScopes.TokensWrite)
            .WithName("RestoreToken").WithSummary("Makes a revoked token usable again, if its valid-to has not passed and the owner's limit allows.")
            .Produces<TokenResource>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/tokens/{id:guid}", DeleteAsync).RequireScope(ApiScopes.TokensWrite)
            .WithName("DeleteToken").WithSummary("Deletes a token; its audit entries remain and its GUID is never used again.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
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

    private static async Task<IResult> CreateAsync(TokenCreateRequest? request, ClaimsPrincipal user, TokenService tokens, CancellationToken ct)
    {
        if (request is null)
        {
            return MissingBody();
        }

        var caller = user.Token();
        var created = await tokens.CreateAsync(caller.OwnerId, request.ToDraft(caller.EffectiveScopes), ct);
        if (!created.Succeeded)
        {
            return ApiProblems.From(created.Error);
        }

        return new Tagged(TypedResults.Created($"/api/v1/tokens/{created.Value.Token.Id}", CreatedTokenResource.From(created.Value)), created.Value.Token.Version);
    }

    private static Task<IResult> PatchAsync(Guid id, TokenEditRequest? request, HttpContext context, TokenService tokens, CancellationToken ct) =>
        EditAsync(id, request, context, tokens, merge: true, ct);

    private static Task<IResult> PutAsync(Guid id, TokenEditRequest? request, HttpContext context, TokenService tokens, CancellationToken ct) =>
        EditAsync(id, request, context, tokens, merge: false, ct);

    private static async Task<IResult> EditAsync(Guid id, TokenEditRequest? request, HttpContext context, TokenService tokens, bool merge, CancellationToken ct)
    {
        var caller = context.User.Token();
        if (ExpectedVersion(context.Request) is not { } version)
        {
            return ApiProblems.PreconditionRequired();
        }

        if (request is null)
        {
            return MissingBody();
        }

        TokenView? current = null;
        if (merge)
        {
            var read = await tokens.GetAsync(caller.OwnerId, id, ct);
            if (!read.Succeeded)
            {
                return ApiProblems.From(read.Error);
            }

            current = read.Value;
        }

        var edited = await tokens.EditAsync(caller.OwnerId, id, version, request.ToDraft(current, caller.EffectiveScopes), ct);
        return edited.Succeeded || edited.Error.Code != TokenErrorCode.Conflict ? Answer(edited) : ApiProblems.PreconditionFailed(edited.Error.Message);
    }

    private static async Task<IResult> RevokeAsync(Guid id, ClaimsPrincipal user, TokenService tokens, CancellationToken ct) =>
        Answer(await tokens.RevokeAsync(user.Token().OwnerId, id, ct));

    private static async Task<IResult> RestoreAsync(Guid id, ClaimsPrincipal user, TokenService tokens, CancellationToken ct) =>
        Answer(await tokens.RestoreAsync(user.Token().OwnerId, id, ct));

    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, TokenService tokens, CancellationToken ct)
    {
        var deleted = await tokens.DeleteAsync(user.Token().OwnerId, id, ct);
        return deleted.Succeeded ? TypedResults.NoContent() : ApiProblems.From(deleted.Error);
    }

    private static IResult Answer(Result<TokenView> result) =>
        result.Succeeded ? new Tagged(TypedResults.Ok(TokenResource.From(result.Value)), result.Value.Version) : ApiProblems.From(result.Error);

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem MissingBody() =>
        ApiProblems.Invalid(new Dictionary<string, string[]> { ["body"] = ["Send the token as a JSON object (Content-Type: application/json)."] });

    /// <summary>The ETag of a token's version: a strong validator, <c>"7"</c>.</summary>
    public static string ETagOf(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version an If-Match header names: exactly one strong ETag of a version; null when absent or anything else.</summary>
    private static int? ExpectedVersion(HttpRequest request)
    {
        var values = request.Headers.IfMatch;
        if (values.Count != 1 || !EntityTagHeaderValue.TryParseList(values, out var tags) || tags is not [{ IsWeak: false } tag]
            || tag.Tag.Length < 3 || tag.Tag == "*")
        {
            return null;
        }

        return int.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    /// <summary>An answer with the token's ETag.</summary>
    private sealed class Tagged(IResult inner, int version) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = ETagOf(version);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
