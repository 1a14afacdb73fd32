using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.Tests.SignIn;

/// <summary>Sign-ins through the provider, their refusals and the provider's re-checks, as a full admin reads them in the audit log.</summary>
public sealed class OidcSignInAuditTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private OidcPortal portal = null!;

    private FakeProvider provider => portal.Provider;

    public async ValueTask InitializeAsync() => portal = await OidcPortal.StartAsync(clock: clock);

    public ValueTask DisposeAsync() => portal.DisposeAsync();

    [Fact]
    public async Task Sign_in_through_the_provider_is_in_the_audit_log_of_the_persons_tenant()
    {
        using var browser = portal.NewBrowser();

        using var callback = await portal.SignInAsync(browser, IdTokenSpec.Person("Ada Admin", "acme", "portal-admins"));

        var (entry, actor) = Assert.Single(await EntriesAsync());
        Assert.Equal((AuditAction.SignedIn, "Ada Admin"), (entry.Action, actor));
        Assert.StartsWith("Signed in", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_sign_in_of_a_known_person_is_in_their_tenants_audit_log_with_the_reason()
    {
        var ada = IdTokenSpec.Person("Ada Admin", "acme", "portal-admins");
        using (var first = portal.NewBrowser())
        using (await portal.SignInAsync(first, ada))
        {
        }

        using var second = portal.NewBrowser();
        var challenge = await second.StartSignInAsync();
        var code = provider.IssueCode(challenge, ada with { Claims = new(ada.Claims) { ["roles"] = new[] { "staff" } } });
        using var refused = await second.CallbackAsync(code, challenge.State);

        Assert.Equal("/signin?error=NoRole", refused.Headers.Location!.OriginalString);
        var entries = await EntriesAsync();
        Assert.Equal([AuditAction.SignedIn, AuditAction.SignInRefused], entries.Select(e => e.Entry.Action));
        Assert.Contains("maps to a portal role", entries[1].Entry.Summary, StringComparison.Ordinal);
        portal.AssertLogHoldsNoSecret(code);
    }

    [Fact]
    public async Task Refused_sign_in_of_nobody_the_portal_knows_stays_in_the_application_log()
    {
        using var browser = portal.NewBrowser();
        var challenge = await browser.StartSignInAsync();
        var code = provider.IssueCode(challenge, IdTokenSpec.Person("Nora Nobody", "acme", "staff"));

        using var refused = await browser.CallbackAsync(code, challenge.State);

        Assert.Equal("/signin?error=NoRole", refused.Headers.Location!.OriginalString);
        Assert.Empty(await EntriesAsync());
        Assert.Contains(portal.Log, l => l.Contains("sign-in refused (NoRole)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Re_check_with_the_provider_changes_the_role_without_counting_as_a_sign_in()
    {
        using var browser = portal.NewBrowser();
        var ada = IdTokenSpec.Person("Ada Admin", "acme", "portal-admins");
        using (await portal.SignInAsync(browser, ada))
        {
        }

        var signedInAt = await LastSignInAsync();
        provider.ChangePerson(ada.Subject, p => p with { Claims = new(p.Claims) { ["roles"] = new[] { "portal-users" } } });
        clock.Advance(TimeSpan.FromMinutes(16));
        using var page = await browser.GetAsync("/tokens");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(1, provider.RefreshRequests);
        Assert.Equal(signedInAt, await LastSignInAsync());
        Assert.Equal([AuditAction.SignedIn], (await EntriesAsync()).Select(e => e.Entry.Action));
    }

    [Fact]
    public async Task Session_ended_by_the_providers_re_check_is_in_the_audit_log_with_the_reason()
    {
        using var browser = portal.NewBrowser();
        var ada = IdTokenSpec.Person("Ada Admin", "acme", "portal-admins");
        using (await portal.SignInAsync(browser, ada))
        {
        }

        provider.RemovePerson(ada.Subject);
        clock.Advance(TimeSpan.FromMinutes(16));
        using var page = await browser.GetAsync("/tokens");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var entries = await EntriesAsync();
        Assert.Equal([AuditAction.SignedIn, AuditAction.SignedOut], entries.Select(e => e.Entry.Action));
        Assert.Equal("Signed out by the identity provider's re-check: the provider refused the refresh: invalid_grant", entries[1].Entry.Summary);
        portal.AssertLogHoldsNoSecret();
    }

    private async Task<List<(AuditEntry Entry, string Actor)>> EntriesAsync()
    {
        await using var db = portal.Db();
        var entries = await db.Audit.AsNoTracking().OrderBy(a => a.Id).ToListAsync(TestContext.Current.CancellationToken);
        return [.. entries.Select(e => (e, e.ActorName))];
    }

    private async Task<DateTimeOffset?> LastSignInAsync()
    {
        await using var db = portal.Db();
        return await db.Users.Select(u => u.LastSignInAt).SingleAsync(TestContext.Current.CancellationToken);
    }
}
