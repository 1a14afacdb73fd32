using System.Text.Json.Nodes;
using AdminPortal.Api.Authentication;
using AdminPortal.Api.Contracts;
using AdminPortal.Tokens.Service;
using Microsoft.OpenApi;

namespace AdminPortal.Api.Endpoints;

/// <summary>
/// POST /api/v1/tokens/{id}/rotate: a new secret for a token, answered once, with an optional grace period for the old
/// one. With <c>tokens:write</c> any token the calling token's owner may roll (only their own: a roll hands out a working
/// secret); without it, a token may rotate only itself.
/// </summary>
internal static class RotateEndpoint
{
    private const string Description =
        "Requires the scope `tokens:write`, or no scope when a token rotates itself (the path's GUID is the calling token's). "
        + "Only the token's owner may rotate it (a full admin cannot obtain another person's secret). The answer carries the new "
        + "secret, once: store it. With `grace` (an ISO 8601 duration: `PT1H`, `P1D`, `P7D`; omitted or `PT0S`: none) the old secret "
        + "keeps working until `oldSecretValidUntil`, at most 7 days and what the tenant's token policy allows (400 naming the policy "
        + "otherwise). Rotating again during a grace period ends the previous old secret's grace: at most two secrets work at a time. "
        + "An old secret used after its grace is refused (401) and recorded as a possible leak (audit entry, notice to the owner and "
        + "the tenant's admins; the token is revoked when the tenant's policy says so).";

    public static void MapRotate(this RouteGroupBuilder api) =>
        api.MapPost("/tokens/{id:guid}/rotate", RotateAsync)
            .AddEndpointFilter(async (context, next) =>
            {
                var caller = context.HttpContext.User.Token();
                return caller.EffectiveScopes.Contains(ApiScopes.TokensWrite) || IsSelf(context.HttpContext, caller.TokenId)
                    ? await next(context)
                    : ApiProblems.MissingScope(ApiScopes.TokensWrite);
            })
            .WithName("RotateToken")
            .WithSummary("Rotates a token's secret and answers the new one, once; the old one may keep working for a grace period.")
            .WithDescription(Description)
            .Produces<RotatedTokenResource>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
            {
                // The body is optional and read by the handler (an inferred body would make a POST without one miss the route).
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = false,
                    Description = "Optional: the grace period of the old secret. Without a body (or with \"PT0S\") the old secret stops at once.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = await context.GetOrCreateSchemaAsync(typeof(TokenRotateRequest), null, ct),
                            Example = new JsonObject { ["grace"] = "PT1H" },
                        },
                    },
                };

                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var answer) == true)
                {
                    answer.Example = Example();
                }

            });

    private static bool IsSelf(HttpContext context, Guid tokenId) =>
        context.Request.RouteValues.TryGetValue("id", out var id) && Guid.TryParse(id?.ToString(), out var target) && target == tokenId;

    private static async Task<IResult> RotateAsync(Guid id, HttpContext context, TokenService tokens, CancellationToken ct)
    {
        TokenRotateRequest? request = null;
        if (context.Request.ContentLength is not 0 && (context.Request.ContentType is not null || context.Request.ContentLength is > 0))
        {
            if (!context.Request.HasJsonContentType())
            {
                return Invalid("body", "Send the body as JSON (Content-Type: application/json), for example {\"grace\": \"PT1H\"}, or no body.");
            }

            try
            {
                request = await context.Request.ReadFromJsonAsync<TokenRotateRequest>(ct);
            }
            catch (System.Text.Json.JsonException)
            {
                return Invalid("body", "The body is not valid JSON; send for example {\"grace\": \"PT1H\"}, or no body.");
            }
        }

        var grace = TimeSpan.Zero;
        if (request?.Grace is { } text && !RotationGrace.TryParse(text, out grace))
        {
            return Invalid("grace", "Give the grace period as an ISO 8601 duration, for example \"PT1H\", \"P1D\" or \"P7D\" (\"PT0S\": none).");
        }

        var rolled = await tokens.RollAsync(context.User.Token().OwnerId, id, grace, ct);
        if (!rolled.Succeeded)
        {
            return rolled.Error.Field == "Grace" ? Invalid("grace", rolled.Error.Message) : ApiProblems.From(rolled.Error);
        }

        return TypedResults.Ok(RotatedTokenResource.From(rolled.Value));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(string field, string message) => ApiProblems.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static JsonObject Example() => new()
    {
        ["token"] = new JsonObject
        {
            ["id"] = "3f2c9a5e-8b1d-4c7e-9a0f-6d5e4c3b2a19",
            ["name"] = "ci deploy",
            ["description"] = "Deploys from CI",
            ["scopes"] = new JsonArray("tokens:read"),
            ["ownerId"] = "8d1e6f0a-2b3c-4d5e-8f70-1a2b3c4d5e6f",
            ["ownerName"] = "Ada Lovelace",
            ["tenantId"] = "0b7c5d2e-9f1a-4b3c-8d6e-5f4a3b2c1d0e",
            ["createdById"] = "8d1e6f0a-2b3c-4d5e-8f70-1a2b3c4d5e6f",
            ["createdAt"] = "2026-11-01T08:00:00+00:00",
            ["validFrom"] = null,
            ["validTo"] = "2027-06-30T00:00:00+00:00",
            ["revokedAt"] = null,
            ["lastUsedAt"] = "2026-12-06T17:42:10+00:00",
            ["lastUsedFrom"] = "203.0.113.7",
            ["validity"] = "Valid",
            ["usage"] = "Active",
            ["isActive"] = true,
            ["version"] = 4,
            ["oldSecretValidUntil"] = "2026-12-07T10:00:00+00:00",
        },
        ["secret"] = "adp_4fGq7Lm2Xp9Rt1Vb8Nc3Zk6Wd0Hs5Ej1Qa2B3c",
        ["oldSecretValidUntil"] = "2026-12-07T10:00:00+00:00",
    };
}
