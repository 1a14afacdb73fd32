using System.Text.RegularExpressions;
using AdminPortal.Authorization;
using AdminPortal.Browser.Tests.Components.Layout;
using AdminPortal.Browser.Tests.Components.Pages.Tokens;

namespace AdminPortal.Browser.Tests.Authorization;

/// <summary>The deactivated user's cells in the portal, on a portal of its own (it deactivates a demo user).</summary>
public sealed class AuthorizationMatrixDeactivatedBrowserTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Deactivated_users_open_page_leaves_at_the_next_action_and_no_operation_opens_for_them()
    {
        var guids = await AuthorizationMatrixBrowserTests.DemoGuidsAsync(chromium, portal);
        await using var uma = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);

        // Ada deactivates Uma from her own session: the FullAdmin/Deactivate/SameTenantOther cell, done for real.
        Assert.Equal(PortalAnswer.Offered, AuthorizationMatrix.Of(Operation.Deactivate, Actor.FullAdmin, Target.SameTenantOther).Portal);
        await using var ada = await PortalSession.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        await ada.Page.GotoAsync("/users");
        await Assertions.Expect(ada.Page.Locator(".users-page[data-interactive=true]")).ToBeVisibleAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = $"Deactivate {DevelopmentSignIn.User}" }).ClickAsync();
        await ada.Page.Locator(".rz-dialog").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await Assertions.Expect(ada.Page.Locator("tr", new() { Has = ada.Page.GetByText(DevelopmentSignIn.User, new() { Exact = true }) }))
            .ToContainTextAsync("Deactivated");

        // Uma's open page: her next action takes her to the deactivated page instead.
        await uma.Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First.ClickAsync();
        await Assertions.Expect(uma.Page).ToHaveURLAsync(new Regex("/signin/deactivated$"));

        // Every operation, by its address with each target's GUID: nothing opens.
        var cells = AuthorizationMatrix.Cells.Where(c => c.Actor == Actor.DeactivatedUser).ToList();
        foreach (var cell in cells)
        {
            Assert.Equal(PortalAnswer.DeactivatedPage, cell.Portal);
            var guid = guids[AuthorizationMatrixBrowserTests.NameOf(AuthorizationMatrixBrowserTests.Cast(Actor.DeactivatedUser), cell.Target)!];
            await AuthorizationMatrixBrowserTests.ExpectClosedAsync(uma.Page, cell, AuthorizationMatrixBrowserTests.AddressOf(cell, guid), "/signin");
        }

        // Signing in again is refused.
        await uma.Page.GotoAsync("/signin");
        await uma.Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {DevelopmentSignIn.User}" }).ClickAsync();
        await Assertions.Expect(uma.Page).ToHaveURLAsync(new Regex("/signin/deactivated$"));
    }
}
