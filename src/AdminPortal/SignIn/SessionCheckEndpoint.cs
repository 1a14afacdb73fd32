namespace AdminPortal.SignIn;

/// <summary>
/// GET /signin/session: answers 204 to a signed-in session and does nothing else. Its point is the request: the cookie's
/// validation (<see cref="SessionValidation"/>) re-checks the session with the provider when due and renews the cookie.
/// Open pages call it (<see cref="CircuitSession"/>), since they send no requests of their own.
/// </summary>
internal static class SessionCheckEndpoint
{
    public const string Route = "/signin/session";

    public static void Map(WebApplication app) => app.MapGet(Route, () => Results.NoContent()).RequireAuthorization();
}
