using Microsoft.AspNetCore.Authentication;

namespace AdminPortal.SignIn.Oidc;

/// <summary>A failed or refused sign-in: logged with its reason (never a code, token or secret), and the person sent to a page that says what happened.</summary>
internal static partial class OidcFailures
{
    public static Task HandleAsync(RemoteFailureContext context)
    {
        var failure = context.Failure switch
        {
            SignInRejectedException rejected => rejected.Failure,
            { } error when error.Data["error"] as string == "access_denied" => SignInFailure.Cancelled,
            _ => SignInFailure.Failed,
        };
        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcFailures).FullName!);
        SignInRefused(logger, failure, context.Failure?.Message ?? "no reason given");
        context.Response.Redirect(failure == SignInFailure.Deactivated ? "/signin/deactivated" : $"/signin?error={failure}");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    [LoggerMessage(2, LogLevel.Error, "OpenID Connect provider unavailable, sign-in not started: {Reason}")]
    public static partial void ProviderUnavailable(ILogger logger, string reason);

    [LoggerMessage(1, LogLevel.Warning, "OpenID Connect sign-in refused ({Failure}): {Reason}")]
    private static partial void SignInRefused(ILogger logger, SignInFailure failure, string reason);
}
