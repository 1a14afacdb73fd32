using AdminPortal.Authorization;
using AdminPortal.Tests.Components.Pages.SignIn;
using AdminPortal.Tokens.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Authorization;

/// <summary>
/// The portal cells of <see cref="AuthorizationMatrix"/> decided by routing, before any page renders: the anonymous
/// visitor's, by every operation's address with each target's GUID (the demo tokens). The signed-in actors' cells are
/// bUnit tests (AdminPortal.Components.Tests, AuthorizationMatrixPortalTests); the 403 of /audit is in AuditPageTests.
/// </summary>
public sealed class AuthorizationMatrixPageTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_from_every_operations_address()
    {
        var guids = await DemoGuidsAsync();
        var cells = AuthorizationMatrix.Cells.Where(c => c.Actor == Actor.Anonymous).ToList();
        Assert.All(cells, c => Assert.Equal(PortalAnswer.SignIn, c.Portal));
        using var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        // One visit per distinct address (several cells share one: /users serves users and deactivate).
        var visits = cells.GroupBy(c => AuthorizationMatrix.PortalAddress(c.Operation, guids[AnonymousTarget(c.Target)])).ToList();
        foreach (var visit in visits)
        {
            using var response = await client.GetAsync(new Uri(visit.Key, UriKind.Relative), TestContext.Current.CancellationToken);
            var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var location = response.Headers.Location?.PathAndQuery ?? "";

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{visit.First()}: {visit.Key} answered {response.StatusCode}");
            Assert.Equal("/signin?ReturnUrl=" + Uri.EscapeDataString(visit.Key), location);
            var (landed, signIn) = await client.GetPageAsync(location);
            Assert.Equal(HttpStatusCode.OK, landed);
            Assert.Contains("action=\"/signin/dev\"", signIn, StringComparison.Ordinal);
            Assert.DoesNotContain("matching token", html + signIn, StringComparison.Ordinal);
            Assert.DoesNotContain(AnonymousTarget(visit.First().Target), html + signIn, StringComparison.Ordinal);
        }

        Assert.Equal(cells.Count, visits.Sum(v => v.Count()));
    }

    [Theory]
    [InlineData("demo-user")]
    [InlineData("demo-reader")]
    public async Task Everyone_but_full_admins_typing_users_gets_the_refusal_and_no_one(string subject)
    {
        using var client = await portal.SignedInClientAsync(subject);

        var (status, html) = await client.GetPageAsync("/users");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Only full admins manage the users of the organisation.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Admin", html, StringComparison.Ordinal);
    }

    /// <summary>The anonymous visitor's targets, as the matrix names them: Uma's, Ada's and Globex's tokens.</summary>
    private static string AnonymousTarget(Target target) => target switch
    {
        Target.Own => "Laptop script",
        Target.SameTenantOther => "Terraform CI",
        _ => "Globex ingest",
    };

    /// <summary>The GUIDs of the demo tokens, read from the portal's database (the demo data is made at start).</summary>
    private async Task<IReadOnlyDictionary<string, string>> DemoGuidsAsync()
    {
        using (portal.CreateClient())
        {
            // Starts the host, and with it the demo data.
        }

        var contexts = portal.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Tokens.ToDictionaryAsync(t => t.Name, t => t.Id.ToString("D"), TestContext.Current.CancellationToken);
    }
}
