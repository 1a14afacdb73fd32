using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AdminPortal.Api.Authentication;

/// <summary>
/// The <see cref="ApiTokenDefaults.Scheme"/> authentication scheme, for endpoints protected with
/// <c>[Authorize(AuthenticationSchemes = "ApiToken")]</c> or the policy of that name. It answers exactly as the API's own
/// endpoints do, since both ask <see cref="ApiTokenAuthenticator"/>.
/// </summary>
internal sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var outcome = await authenticator.AuthenticateAsync(Context);
        return outcome switch
        {
            { Caller: { } caller } => AuthenticateResult.Success(new AuthenticationTicket(caller, Scheme.Name)),
            { Rejection: { } rejection } => AuthenticateResult.Fail(rejection),
            _ => AuthenticateResult.NoResult(),
        };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await ApiTokenAuthenticator.Refusal(Context, result.Failure as ApiTokenRejection).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.CacheControl = "no-store";
        return ApiProblems.PermissionDenied().ExecuteAsync(Context);
    }
}
