namespace AdminPortal.Api.Authentication;

/// <summary>Names of the API-token authentication scheme and its policy.</summary>
public static class ApiTokenDefaults
{
    /// <summary>The authentication scheme and the authorization policy that requires it.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>Realm named in WWW-Authenticate.</summary>
    public const string Realm = "AdminPortal API";
}
