using AdminPortal.Tests.Components.Pages.SignIn;
using AdminPortal.Tokens.Audit;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.SignIn;

/// <summary>The development sign-in and the sign-out write their events to the audit log, with the browser's address.</summary>
public sealed class SignInAuditHttpTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string Address = "203.0.113.9";

    [Fact]
    public async Task Sign_in_and_sign_out_are_in_the_audit_log_with_the_client_address()
    {
        var app = FromAddress(Address);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using (var signIn = await client.PostSignInAsync("demo-reader", "/tokens"))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }
        using (var signOut = await client.PostSignOutAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        var entries = await EntriesOfAsync(app, "demo-reader");
        Assert.Equal(
            [(AuditAction.SignedIn, Address, "Signed in from 203.0.113.9."), (AuditAction.SignedOut, Address, "Signed out from 203.0.113.9.")],
            entries.Select(e => (e.Action, e.ClientAddress!, e.Summary)));
    }

    [Fact]
    public async Task Refused_sign_in_of_a_deactivated_user_is_in_the_audit_log_with_its_reason_and_address()
    {
        var app = FromAddress("198.51.100.23");
        var users = app.Services.GetRequiredService<UserService>();
        var admin = await UserAsync(app, "demo-admin");
        var uma = await UserAsync(app, "demo-user");
        Assert.True((await users.DeactivateAsync(admin.Id, uma.Id, TestContext.Current.CancellationToken)).Succeeded);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var refused = await client.PostSignInAsync("demo-user", "/tokens");

        Assert.Equal("/signin/deactivated", refused.Headers.Location?.OriginalString);
        var entry = Assert.Single(await EntriesOfAsync(app, "demo-user"), e => e.Action == AuditAction.SignInRefused);
        Assert.Equal(("198.51.100.23", "Sign-in refused from 198.51.100.23: the account is deactivated"), (entry.ClientAddress, entry.Summary));
        await users.ReactivateAsync(admin.Id, uma.Id, TestContext.Current.CancellationToken);
    }

    /// <summary>The portal as seen from <paramref name="address"/>, as if the connection came from there.</summary>
    private WebApplicationFactory<Program> FromAddress(string address) =>
        portal.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddTransient<IStartupFilter>(_ => new RemoteAddress(IPAddress.Parse(address)))));

    private static async Task<PortalUser> UserAsync(WebApplicationFactory<Program> app, string subject)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<TokenDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Users.SingleAsync(u => u.SubjectId == subject, TestContext.Current.CancellationToken);
    }

    /// <summary>The sign-in events of the demo user with <paramref name="subject"/>, oldest first, as a full admin of Acme reads them.</summary>
    private static async Task<List<AuditView>> EntriesOfAsync(WebApplicationFactory<Program> app, string subject)
    {
        var admin = await UserAsync(app, "demo-admin");
        var user = await UserAsync(app, subject);
        var page = await app.Services.GetRequiredService<AuditLog>().QueryAsync(admin.Id, new AuditQuery { ActorId = user.Id }, TestContext.Current.CancellationToken);
        return [.. page.Value!.Items.Where(e => e.Action is AuditAction.SignedIn or AuditAction.SignedOut or AuditAction.SignInRefused).Reverse()];
    }

    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = address;
                return following(context);
            });
            next(app);
        };
    }
}
