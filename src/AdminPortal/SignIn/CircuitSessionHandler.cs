using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AdminPortal.SignIn;

/// <summary>
/// Makes a signed-out or deactivated person's open pages stop working at their next action: every message from the
/// browser first checks the session (<see cref="CircuitSession"/>), and an ended session's actions are dropped while
/// the page is sent away. When periodic revalidation ends the session first, the page is sent away without waiting.
/// </summary>
internal sealed class CircuitSessionHandler(CircuitSession session, AuthenticationStateProvider authentication) : CircuitHandler, IDisposable
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (await session.EnsureActiveAsync())
            {
                await next(context);
            }
        };

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        return Task.CompletedTask;
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            if ((await state).User.Identity?.IsAuthenticated != true)
            {
                await session.EnsureActiveAsync(force: true);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TaskCanceledException)
        {
            // The circuit is going away; its next connection starts from a fresh check.
        }
    }
}
