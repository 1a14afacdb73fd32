using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using AdminPortal.SignIn.Oidc;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace AdminPortal.SignIn;

/// <summary>
/// The session as one open page (a Blazor circuit) knows it. <see cref="EnsureActiveAsync"/> checks it in the
/// database and, once it is signed out, past its absolute lifetime or its user deactivated, sends the page to /signin or
/// /signin/deactivated. When the provider's re-check of the session is due, the page asks for it in the background
/// with a request to <see cref="SessionCheckEndpoint"/> (an open page sends no requests of its own, and only a request
/// carries the cookie with the refresh token); the action goes on. When the user row no longer matches the page's
/// principal (that re-check, or a sign-in elsewhere, changed the role), the page reloads, and the new circuit starts
/// with the person as they are now.
/// The circuit calls it before every action of the person (<see cref="CircuitSessionHandler"/>); a page calls it with
/// <c>force</c> when the token service refuses an action, since that refusal may mean the account was just deactivated.
/// </summary>
internal sealed class CircuitSession(
    PortalSessionCheck check, AuthenticationStateProvider authentication, NavigationManager navigation, IJSRuntime js, IOptions<OidcOptions> oidc, TimeProvider clock,
    SessionEpoch epoch)
    : IDisposable
{
    /// <summary>
    /// One click sends several messages (the event, render acknowledgements); one check serves them all, unless a
    /// sign-out or a change of a person came in between (<see cref="SessionEpoch"/>).
    /// </summary>
    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ClaimsPrincipal? _user;
    private DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    private long _checkedEpoch = -1;
    private SessionState _state = SessionState.Active;
    private DateTimeOffset _providerCheckAskedAt = DateTimeOffset.MinValue;
    private bool _askProviderCheck;

    /// <summary>Whether the page's session may still act; when it may not, the page is already on its way out.</summary>
    public async Task<bool> EnsureActiveAsync(bool force = false, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_state != SessionState.Active)
            {
                return false;
            }

            // The user the circuit started with: revalidation may since have made the circuit's user anonymous.
            _user ??= await SignedInUserAsync();
            var now = clock.GetUtcNow();
            var epochNow = epoch.Value;
            if (_user is null || (!force && now - _checkedAt < RecheckAfter && epochNow == _checkedEpoch))
            {
                return true;
            }

            _checkedAt = now;
            _checkedEpoch = epochNow;
            var (state, current) = await check.CurrentAsync(_user, ct);
            if (state == SessionState.Stale && current == PortalIdentity.From(_user))
            {
                // Only the provider's re-check is due: asked for once per interval, and the page goes on meanwhile.
                state = SessionState.Active;
                _askProviderCheck = now - _providerCheckAskedAt >= oidc.Value.RefreshInterval;
                _providerCheckAskedAt = _askProviderCheck ? now : _providerCheckAskedAt;
            }

            _state = state;
        }
        finally
        {
            _gate.Release();
        }

        if (_askProviderCheck)
        {
            _askProviderCheck = false;
            _ = AskProviderCheckAsync();
        }

        if (_state == SessionState.Active)
        {
            return true;
        }

        if (_state == SessionState.Deactivated)
        {
            navigation.NavigateTo("/signin/deactivated", forceLoad: true);
        }
        else if (_state == SessionState.Stale)
        {
            navigation.NavigateTo(navigation.Uri, forceLoad: true);
        }
        else
        {
            _ = LeaveSignedOutAsync();
        }

        return false;
    }

    /// <summary>
    /// Sends the page to /signin, unless it is the page that signed out: that one is already on its way to the
    /// provider's end-session page, and a navigation now would cut it short (js/session-ended.js tells them apart).
    /// </summary>
    private Task LeaveSignedOutAsync() => InvokeOnPageAsync("adminPortalSessionEnded", "/signin");

    /// <summary>
    /// A same-origin request from the page: its cookie is validated, which refreshes the session with the provider. If
    /// the page cannot ask, its next action after another interval asks again.
    /// </summary>
    private Task AskProviderCheckAsync() =>
        InvokeOnPageAsync("fetch", SessionCheckEndpoint.Route, new { credentials = "same-origin", cache = "no-store" });

    /// <summary>Calls <paramref name="identifier"/> in the page, unless the page is gone (closed, navigated away, disconnected).</summary>
    private async Task InvokeOnPageAsync(string identifier, params object?[] args)
    {
        try
        {
            await js.InvokeVoidAsync(identifier, args);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            // The page is gone: nothing to do there.
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<ClaimsPrincipal?> SignedInUserAsync()
    {
        try
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            return user.Identity?.IsAuthenticated == true ? user : null;
        }
        catch (InvalidOperationException)
        {
            // The circuit has not received its authentication state yet.
            return null;
        }
    }
}
