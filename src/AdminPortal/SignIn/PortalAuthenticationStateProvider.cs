using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn;

/// <summary>
/// The authentication state of an open page (a Blazor circuit), re-checked every
/// <see cref="SessionOptions.RevalidationInterval"/>: once the session is signed out or its user deactivated, the
/// circuit's user becomes anonymous, so nothing that depends on the signed-in user keeps showing.
/// </summary>
internal sealed class PortalAuthenticationStateProvider(ILoggerFactory loggers, PortalSessionCheck check, IOptions<SessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        // A stale principal stays: the page reloads with the current one at its next action (CircuitSession).
        await check.CheckAsync(authenticationState.User, cancellationToken) is SessionState.Active or SessionState.Stale;
}
