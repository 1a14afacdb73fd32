using System.Text.RegularExpressions;
using AdminPortal.Authorization;
using AdminPortal.Browser.Tests.Components.Pages.Tokens;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Browser.Tests.Authorization;

/// <summary>
/// The portal cells of <see cref="AuthorizationMatrix"/> that need a real browser: the deactivated user's, whose open page
/// (a live circuit) must leave at the next action. The signed-in actors' cells are bUnit tests (AdminPortal.Components.Tests,
/// AuthorizationMatrixPortalTests), the anonymous visitor's HTTP tests (AdminPortal.Tests, AuthorizationMatrixPageTests).
/// </summary>
public sealed class AuthorizationMatrixBrowserTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    [Fact]
    public async Task Deactivated_users_open_page_leaves_at_the_next_action_and_no_operation_opens_for_them()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var uma = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.User);
        var (guids, people) = await DemoAsync(ct);
        var users = portal.Services.GetRequiredService<UserService>();

        // Ada deactivates Uma while Uma's page is open (through the service, as the users page does: its button is a
        // component test), and reactivates her at the end.
        Assert.Equal(PortalAnswer.Offered, AuthorizationMatrix.Of(Operation.Deactivate, Actor.FullAdmin, Target.SameTenantOther).Portal);
        Assert.True((await users.DeactivateAsync(people[DevelopmentSignIn.Admin], people[DevelopmentSignIn.User], ct)).Succeeded);
        try
        {
            // Uma's open page: her next action takes her to the deactivated page instead. Any message from her page is such
            // an action, a render's acknowledgement too: if the page re-rendered after the deactivation it may be leaving
            // already, so the click is made only where the button still is, and a page on its way out is no failure.
            try
            {
                await uma.Page.EvaluateAsync(
                    "() => [...document.querySelectorAll('button')].find(b => b.textContent.includes('Create token'))?.click()");
            }
            catch (PlaywrightException)
            {
                // The page navigated while the click was being made.
            }

            await Assertions.Expect(uma.Page).ToHaveURLAsync(new Regex("/signin/deactivated$"));

            // Every operation, by its address with each target's GUID, with what her browser holds now: sent to sign in.
            var cells = AuthorizationMatrix.Cells.Where(c => c.Actor == Actor.DeactivatedUser).ToList();
            Assert.All(cells, c => Assert.Equal(PortalAnswer.DeactivatedPage, c.Portal));
            foreach (var visit in cells.GroupBy(c => AuthorizationMatrix.PortalAddress(c.Operation, guids[TargetOf(c.Target)])))
            {
                var response = await uma.Page.Context.APIRequest.GetAsync(visit.Key, new() { MaxRedirects = 0 });
                Assert.True(response.Status == 302, $"{visit.First()}: {visit.Key} answered {response.Status}");
                Assert.Matches("^/signin(\\?|$)", new Uri(portal.BaseAddress, response.Headers["location"]).PathAndQuery);
                Assert.DoesNotContain("matching token", await response.TextAsync(), StringComparison.Ordinal);
            }

            // Signing in again is refused.
            await uma.Page.GotoAsync("/signin");
            await uma.Page.GetByRole(AriaRole.Button, new() { Name = $"Sign in as {DevelopmentSignIn.User}" }).ClickAsync();
            await Assertions.Expect(uma.Page).ToHaveURLAsync(new Regex("/signin/deactivated$"));
        }
        finally
        {
            await users.ReactivateAsync(people[DevelopmentSignIn.Admin], people[DevelopmentSignIn.User], ct);
        }
    }

    /// <summary>The deactivated user's targets, as the matrix names them: her own token, Ada's and Globex's.</summary>
    private static string TargetOf(Target target) => target switch
    {
        Target.Own => "Laptop script",
        Target.SameTenantOther => "Terraform CI",
        _ => "Globex ingest",
    };

    /// <summary>The GUIDs of the demo tokens and the ids of the demo people, read from the portal's database.</summary>
    private async Task<(IReadOnlyDictionary<string, string> Guids, IReadOnlyDictionary<string, Guid> People)> DemoAsync(CancellationToken ct)
    {
        var contexts = portal.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var guids = await db.Tokens.ToDictionaryAsync(t => t.Name, t => t.Id.ToString("D"), ct);
        var people = await db.Users.Where(u => u.DisplayName == DevelopmentSignIn.Admin || u.DisplayName == DevelopmentSignIn.User)
            .ToDictionaryAsync(u => u.DisplayName, u => u.Id, ct);
        return (guids, people);
    }
}
