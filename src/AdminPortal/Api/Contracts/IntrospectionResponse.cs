using System.Text.Json.Serialization;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Api.Contracts;

/// <summary>An RFC 7662 introspection answer: only <c>active: false</c> for any token that is not active.</summary>
public sealed record IntrospectionResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Scope = null,
    [property: JsonPropertyName("sub"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Subject = null,
    [property: JsonPropertyName("client_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId = null,
    [property: JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Expires = null,
    [property: JsonPropertyName("nbf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NotBefore = null,
    [property: JsonPropertyName("iat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? IssuedAt = null,
    [property: JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenType = null)
{
    public static readonly IntrospectionResponse Inactive = new(false);

    /// <summary>The answer for an active token: sub is the owner's id, client_id the token's GUID.</summary>
    public static IntrospectionResponse For(TokenIdentity t) => new(
        true,
        string.Join(' ', t.EffectiveScopes.Order(StringComparer.Ordinal)),
        t.OwnerId.ToString(),
        t.TokenId.ToString(),
        t.ValidTo?.ToUnixTimeSeconds(),
        (t.ValidFrom ?? t.CreatedAt).ToUnixTimeSeconds(),
        t.CreatedAt.ToUnixTimeSeconds(),
        "Bearer");
}
