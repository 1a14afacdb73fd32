using System.Text.Json;
using System.Text.Json.Nodes;
using AdminPortal.Api.Contracts;
using AdminPortal.Api.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdminPortal.Api;

/// <summary>
/// Completes each operation of the OpenAPI document: the scope it requires (<c>x-required-scopes</c>, from
/// <see cref="ScopeFilter.RequireScope"/>), an example of its success answer and of its request body (from
/// <see cref="ApiExamples"/>, by operation id), the ETag, Location and If-Match headers of the token operations, and the
/// identity headers of /auth/verify. A new operation gets all of it by naming itself in <see cref="ApiExamples"/>.
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] Tagged = ["GetToken", "CreateToken", "UpdateToken", "ReplaceToken", "RevokeToken", "RestoreToken", "RotateToken"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var id = operation.OperationId ?? "";
        var scope = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequiredScope>().FirstOrDefault();
        operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
        operation.Extensions["x-required-scopes"] = new JsonNodeExtension(new JsonArray(scope is null ? [] : [JsonValue.Create(scope.Scope)]));

        if (operation.Responses is { } responses)
        {
            foreach (var (status, response) in responses)
            {
                if (status.StartsWith('2') && response is OpenApiResponse success)
                {
                    Complete(id, status, success);
                }
            }
        }

        if (ApiExamples.Request(id) is { } body && operation.RequestBody is OpenApiRequestBody request)
        {
            request.Required = true;
            request.Description ??= "The token's fields, as JSON.";
            foreach (var media in request.Content?.Values ?? [])
            {
                if (media is OpenApiMediaType m)
                {
                    m.Example = body;
                }
            }
        }

        if (id is "UpdateToken" or "ReplaceToken")
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = "The token's ETag as last read (GET /api/v1/tokens/{id} answers it). 412 when the token changed since; 428 when absent.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create("\"3\""),
            });
        }

        return Task.CompletedTask;
    }

    private static void Complete(string id, string status, OpenApiResponse response)
    {
        response.Description = ApiExamples.Describe(id, status) ?? response.Description;
        if (ApiExamples.Response(id) is { } example)
        {
            foreach (var media in response.Content?.Values ?? [])
            {
                if (media is OpenApiMediaType m)
                {
                    m.Example = example;
                }
            }
        }

        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        if (Tagged.Contains(id))
        {
            response.Headers["ETag"] = Header("The token's version, to send back in If-Match with an edit.", "\"3\"");
        }

        if (id == "CreateToken")
        {
            response.Headers["Location"] = Header("The new token's address.", "/api/v1/tokens/3f2c9a5e-8d1b-4c7a-9e2f-0a1b2c3d4e5f");
        }

        if (id == "VerifyForProxy")
        {
            response.Headers["X-Auth-Token-Id"] = Header("The token's GUID.", ApiExamples.TokenId.ToString());
            response.Headers["X-Auth-Owner-Id"] = Header("The owner's user id.", ApiExamples.OwnerId.ToString());
            response.Headers["X-Auth-Owner-Name"] = Header("The owner's name, percent-encoded.", "Ada%20Admin");
            response.Headers["X-Auth-Tenant-Id"] = Header("The tenant's id.", ApiExamples.TenantId.ToString());
            response.Headers["X-Auth-Scopes"] = Header("The token's effective scopes, space-separated.", "alerts:read alerts:write");
        }
    }

    private static OpenApiHeader Header(string description, string example) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create(example),
    };
}

/// <summary>The examples of the OpenAPI document: one success answer per operation, and the request bodies.</summary>
internal static class ApiExamples
{
    public static readonly Guid TokenId = Guid.Parse("3f2c9a5e-8d1b-4c7a-9e2f-0a1b2c3d4e5f");
    public static readonly Guid OwnerId = Guid.Parse("9b1d7c40-2f6e-4a8b-8c3d-5e6f7a8b9c0d");
    public static readonly Guid TenantId = Guid.Parse("c0ffee00-1234-4abc-9def-00112233aabb");

    private static readonly DateTimeOffset Created = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private static readonly TokenResource Token = new(
        TokenId, "deploy", "Deploys from CI", ["alerts:read", "alerts:write"], OwnerId, "Ada Admin", TenantId, OwnerId, Created,
        null, new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero), null, new DateTimeOffset(2026, 12, 6, 17, 4, 12, TimeSpan.Zero),
        "203.0.113.7", "Valid", "Active", true, 3);

    private static readonly TokenResource Revoked = Token with
    {
        RevokedAt = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), Validity = "Revoked", IsActive = false, Version = 4,
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // A request example leaves out what it does not send.
    private static readonly JsonSerializerOptions RequestJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The example of an operation's success answer; null for one without a body.</summary>
    public static JsonNode? Response(string operationId) => operationId switch
    {
        "ListTokens" => Node(new TokenPageResource([Token], 1, 1, 25, false, null)),
        "GetToken" or "UpdateToken" or "ReplaceToken" or "RestoreToken" => Node(Token),
        "RevokeToken" => Node(Revoked),
        "CreateToken" or "RotateToken" => Node(new CreatedTokenResource(Token with { Version = 1, LastUsedAt = null, LastUsedFrom = null, Usage = "Generated" },
            "adp_EXAMPLEexampleEXAMPLEexample0123000000")),
        "GetTokenUsage" => Node(new TokenUsageResource(TokenId, 30, new DateOnly(2026, 11, 8), new DateOnly(2026, 12, 7), 1_204, 3,
            [new AddressUsageResource("203.0.113.7", new DateTimeOffset(2026, 11, 3, 7, 12, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 6, 17, 4, 12, TimeSpan.Zero))],
            [new DailyCallsResource(new DateOnly(2026, 12, 7), 41, 3, new Dictionary<string, long> { ["rate_limited"] = 3 })])),
        "GetMe" => Node(new MeResource(TokenId, "deploy", OwnerId, "Ada Admin", TenantId, ["alerts:read", "alerts:write"], Created, null, Token.ValidTo, "active")),
        "ReadAudit" => Node(new AuditPageResource(
            [new AuditEntryResource(41, Created, OwnerId, "Ada Admin", "TokenCreated", TokenId, null, "Created 'deploy' with alerts:read, alerts:write.", null)],
            1, 1, 25, false, null)),
        "Introspect" => Node(IntrospectionResponse.For(new AdminPortal.Tokens.Verification.TokenIdentity(
            TokenId, "deploy", TenantId, OwnerId, "Ada Admin", new HashSet<string>(["alerts:read"], StringComparer.Ordinal), Created, null, Token.ValidTo))),
        _ => null,
    };

    /// <summary>The example request body of an operation; null for one without a body.</summary>
    public static JsonNode? Request(string operationId) => operationId switch
    {
        "CreateToken" => Body(new TokenCreateRequest { Name = "deploy", Description = "Deploys from CI", Scopes = ["alerts:read", "alerts:write"], ValidTo = Token.ValidTo }),
        "UpdateToken" => Body(new TokenEditRequest { Description = "Deploys from CI, rotated monthly" }),
        "ReplaceToken" => Body(new TokenEditRequest { Name = "deploy", Description = "Deploys from CI", Scopes = ["alerts:read"], ValidTo = Token.ValidTo }),
        _ => null,
    };

    /// <summary>What a success answer means, where the generated text ("OK") says too little.</summary>
    public static string? Describe(string operationId, string status) => (operationId, status) switch
    {
        ("ListTokens", _) => "A page of tokens and the number of all that match.",
        ("GetToken", _) => "The token; its ETag is its version.",
        ("CreateToken", _) => "Created: the token and its secret, shown this once.",
        ("UpdateToken" or "ReplaceToken", _) => "The token as changed (unchanged when nothing differed); its new ETag.",
        ("RevokeToken", _) => "The token, revoked.",
        ("RestoreToken", _) => "The token, usable again.",
        ("DeleteToken", _) => "Deleted.",
        ("RotateToken", _) => "The token and its new secret, shown this once.",
        ("GetTokenUsage", _) => "Where and how much the token was used.",
        ("ReadAudit", _) => "A page of audit entries, newest first.",
        ("GetMe", _) => "The calling token.",
        ("Introspect", _) => "The RFC 7662 answer: only active=false for a token that is not active in the caller's tenant.",
        ("VerifyForProxy", _) => "The token is valid and holds the scopes asked for: the identity is in the X-Auth-* headers.",
        _ => null,
    };

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Json);

    private static JsonNode? Body<T>(T value) => JsonSerializer.SerializeToNode(value, RequestJson);
}
