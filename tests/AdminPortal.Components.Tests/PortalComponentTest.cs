using AdminPortal.Components.Shared;
using AdminPortal.SignIn;
using AdminPortal.Testing;
using AdminPortal.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Bunit.TestDoubles;
using MudBlazor.Services;

namespace AdminPortal.Components.Tests;

/// <summary>
/// A bUnit context for the portal's components: MudBlazor's services, the real token domain on a SQLite file in a
/// temporary folder with a controllable clock, and a signed-in person (<see cref="SignIn"/>). A test class that needs more
/// services adds them in <see cref="AddServices"/>: bUnit takes none after the first is resolved. JavaScript calls are
/// answered loosely (default results); a test that cares about one sets it up or verifies it on <c>JSInterop</c>.
/// </summary>
public abstract class PortalComponentTest : BunitContext, IAsyncLifetime
{
    /// <summary>The clock's start: a fixed UTC instant.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    private readonly TestPeople _people = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> _tenantNames = new();

    protected PortalComponentTest()
    {
        Folder = Directory.CreateTempSubdirectory("adminportal-components-").FullName;
        JSInterop.Mode = JSRuntimeMode.Loose;
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = Folder })
            .Build();
        Services.AddSingleton<IConfiguration>(config);
        Services.AddLogging();
        Services.AddTokenDomain(Folder);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddMudServices();
        Services.AddScoped<BrowserTimeZone>();
        // The open page's session check (pages call CircuitSession.EnsureActiveAsync when the service refuses an action).
        Services.AddOptions();
        Services.AddSingleton<SessionEpoch>();
        Services.AddSingleton<AdminPortal.Tokens.Verification.ITokenChangeListener>(sp => sp.GetRequiredService<SessionEpoch>());
        Services.AddSingleton<SignedOutSessions>();
        Services.AddSingleton<PortalSessionCheck>();
        Services.AddScoped<CircuitSession>();
        AddServices(Services);
        // Anonymous until SignIn; registered now because bUnit takes no new services once one has been resolved.
        _authorization = AddAuthorization();
        // As on the circuit: interactive components are enabled (prerendered, some are disabled until the circuit connects).
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    private readonly BunitAuthorizationContext _authorization;

    /// <summary>
    /// Where a test class adds or replaces services (called from the constructor, before anything is resolved: the
    /// authorization set-up resolves services, after which bUnit takes no new ones). Runs before the derived class's
    /// constructor: use constants, not instance fields.
    /// </summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>The clock every service and component reads.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The temporary folder of the database.</summary>
    public string Folder { get; }

    public TokenService Tokens => Services.GetRequiredService<TokenService>();

    public UserService Users => Services.GetRequiredService<UserService>();

    public virtual async ValueTask InitializeAsync() =>
        await TokenDatabase.MigrateAsync(Services.GetRequiredService<IDbContextFactory<TokenDbContext>>());

    /// <summary>A person of <paramref name="tenant"/> who signed in through the identity provider with <paramref name="role"/>.</summary>
    public async Task<PortalUser> UserAsync(Role role = Role.User, string tenant = "tenant-a", string? name = null)
    {
        var profile = _people.Next(role, tenant, name);
        var user = await Users.SignInAsync(profile);
        _tenantNames[user.Id] = profile.TenantName;
        return user;
    }

    /// <summary>Components rendered from now on see <paramref name="user"/> signed in, with the claims of the portal's cookie.</summary>
    public PortalIdentity SignIn(PortalUser user)
    {
        var identity = new PortalIdentity(user.Id, user.DisplayName, user.Email, user.Role, user.TenantId, _tenantNames[user.Id]);
        var claims = identity.ToPrincipal("test").Claims.Where(c => c.Type != System.Security.Claims.ClaimTypes.Name).ToArray();
        _authorization.SetAuthorized(user.DisplayName).SetClaims(claims);
        return identity;
    }

    /// <summary>
    /// As <see cref="SignIn"/>, with a real session (its id and start) in the claims, so that the page's session check
    /// (<c>CircuitSession</c>) keeps the person rather than sending them to sign in.
    /// </summary>
    public PortalIdentity SignInWithSession(PortalUser user)
    {
        var identity = SignIn(user);
        var principal = PortalSessions.Start(identity, CookieAuthenticationDefaults.AuthenticationScheme);
        PortalSessions.MarkStarted(principal, Clock.GetUtcNow());
        var provider = (BunitAuthenticationStateProvider)Services.GetRequiredService<AuthenticationStateProvider>();
        provider.TriggerAuthenticationStateChanged(user.DisplayName, [], principal.Claims.Where(c => c.Type != System.Security.Claims.ClaimTypes.Name),
            CookieAuthenticationDefaults.AuthenticationScheme);
        return identity;
    }

    /// <summary>A token of <paramref name="owner"/>, created through the token service.</summary>
    public async Task<CreatedToken> CreateAsync(PortalUser owner, string name = "ci deploy", params string[] scopes)
    {
        var result = await Tokens.CreateAsync(owner.Id, TestPeople.Draft(name, scopes));
        Assert.True(result.Succeeded, $"Expected success but got {result.Error}");
        return result.Value;
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
