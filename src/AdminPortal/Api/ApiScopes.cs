namespace AdminPortal.Api;

/// <summary>The scopes the API's own endpoints require (names from the scope catalog).</summary>
internal static class ApiScopes
{
    public const string TokensRead = "tokens:read";
    public const string TokensWrite = "tokens:write";
    public const string AuditRead = "audit:read";
    public const string Introspect = "introspect";
}
