using AdminPortal.Api.Authentication;
using AdminPortal.Api.Contracts;
using AdminPortal.Security;
using AdminPortal.Tokens.Verification;
using Microsoft.AspNetCore.Http.Features;

namespace AdminPortal.Api.Endpoints;

/// <summary>
/// POST /api/v1/introspect (RFC 7662): a resource server, authenticated with its own token holding the scope
/// "introspect", asks about a token sent form-encoded as <c>token</c>. Any token that is not active in the caller's
/// tenant is <c>{"active": false}</c>, whatever the reason.
/// </summary>
internal static class IntrospectionEndpoint
{
    private static readonly FormOptions SmallForm = new() { ValueCountLimit = 16, KeyLengthLimit = 64, ValueLengthLimit = 4096, BufferBody = false };

    public static void MapIntrospection(this RouteGroupBuilder api) =>
        api.MapPost("/introspect", IntrospectAsync).RequireScope(ApiScopes.Introspect)
            // A form body, but no cookie authenticates it: only the API token in the Authorization header, which a
            // browser never adds to another site's form post. Antiforgery guards cookie-authenticated posts only.
            .DisableAntiforgery()
            .Produces<IntrospectionResponse>()
            .ProducesValidationProblem()
            .WithName("Introspect")
            .WithSummary("RFC 7662 token introspection: send 'token=<secret>' as application/x-www-form-urlencoded.");

    private static async Task<IResult> IntrospectAsync(HttpContext context, TokenVerifier verifier, CancellationToken ct)
    {
        var presented = await ReadTokenAsync(context.Request, ct);
        if (presented is null)
        {
            return ApiProblems.Invalid(new Dictionary<string, string[]>
            {
                ["token"] = ["Send exactly one 'token' parameter, form-encoded (application/x-www-form-urlencoded)."],
            });
        }

        var verification = await verifier.VerifyAsync(presented, ClientAddresses.Of(context), ct);
        var caller = context.User.Token();
        return TypedResults.Ok(verification.Identity is { } token && token.TenantId == caller.TenantId
            ? IntrospectionResponse.For(token)
            : IntrospectionResponse.Inactive);
    }

    private static async Task<string?> ReadTokenAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType || !request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, SmallForm));
            var form = await request.ReadFormAsync(ct);
            return form["token"] is [{ Length: > 0 } token] ? token : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return null;
        }
    }
}
