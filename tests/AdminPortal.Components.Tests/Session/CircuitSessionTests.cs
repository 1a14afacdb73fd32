using AdminPortal.SignIn;
using AdminPortal.Tokens.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Components.Tests.Session;

/// <summary>
/// The open page's session check reuses its last answer for a moment (one click sends several messages), but never
/// across a sign-out or a change of the person: the first action after either is checked again. The clock stands still
/// in these tests, so every action falls within that moment.
/// </summary>
public sealed class CircuitSessionTests : PortalComponentTest
{
    [Fact]
    public async Task A_sign_out_in_another_tab_stops_the_very_next_action_of_an_open_page_and_sends_it_to_signin()
    {
        var gus = await UserAsync(Role.FullAdmin);
        SignInWithSession(gus);
        var session = Services.GetRequiredService<CircuitSession>();
        Assert.True(await session.EnsureActiveAsync());

        var principal = (await Services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync()).User;
        Services.GetRequiredService<SignedOutSessions>().End(PortalSessions.IdOf(principal));

        Assert.False(await session.EnsureActiveAsync());
        // Through the page's script, which leaves the page that submitted the sign-out on its way to the provider.
        var leave = Assert.Single(JSInterop.Invocations["adminPortalSessionEnded"]);
        Assert.Equal("/signin", leave.Arguments[0]);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task Deactivating_a_person_stops_the_very_next_action_of_their_open_page_and_sends_it_to_the_deactivated_page()
    {
        var admin = await UserAsync(Role.FullAdmin);
        var ali = await UserAsync(Role.FullAdmin);
        SignInWithSession(ali);
        var session = Services.GetRequiredService<CircuitSession>();
        Assert.True(await session.EnsureActiveAsync());

        Assert.True((await Users.DeactivateAsync(admin.Id, ali.Id)).Succeeded);

        Assert.False(await session.EnsureActiveAsync());
        Assert.EndsWith("/signin/deactivated", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_within_a_moment_of_a_check_with_nothing_changed_reuse_it_and_stay_allowed()
    {
        var gus = await UserAsync(Role.FullAdmin);
        SignInWithSession(gus);
        var session = Services.GetRequiredService<CircuitSession>();

        Assert.True(await session.EnsureActiveAsync());
        Assert.True(await session.EnsureActiveAsync());
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }
}
