namespace AdminPortal.Api.Authentication;

/// <summary>Protects endpoints with an API token.</summary>
public static class ApiTokenEndpoints
{
    /// <summary>
    /// Every call must carry a valid API token; the caller becomes <see cref="HttpContext.User"/> (a cookie never
    /// authenticates an API call). The check is <see cref="UseApiTokens"/>'s, made before the endpoint binds its
    /// parameters; its answers are the same as the <see cref="ApiTokenDefaults.Scheme"/> scheme's.
    /// </summary>
    public static TBuilder RequireApiToken<TBuilder>(this TBuilder endpoints)
        where TBuilder : IEndpointConventionBuilder =>
        endpoints.WithMetadata(ApiTokenRequired.Instance);

    /// <summary>
    /// Authenticates the calls to endpoints marked with <see cref="RequireApiToken{TBuilder}"/> and refuses those without a
    /// valid token. It replaces the authorization middleware and a policy for them: that path costs several microseconds
    /// and kilobytes per call (handler, ticket, principal merge, policy evaluation) and checks nothing more here.
    /// </summary>
    public static IApplicationBuilder UseApiTokens(this IApplicationBuilder app) => app.UseMiddleware<ApiTokenMiddleware>();

    private sealed class ApiTokenRequired
    {
        public static readonly ApiTokenRequired Instance = new();
    }

    private sealed class ApiTokenMiddleware(RequestDelegate next, ApiTokenAuthenticator authenticator)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ApiTokenRequired>() is null)
            {
                await next(context);
                return;
            }

            var outcome = await authenticator.AuthenticateAsync(context);
            if (outcome.Caller is null)
            {
                await ApiTokenAuthenticator.Refusal(context, outcome.Rejection).ExecuteAsync(context);
                return;
            }

            context.User = outcome.Caller;
            await next(context);
        }
    }
}
