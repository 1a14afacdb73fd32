using System.Security.Cryptography;
using AdminPortal.Api;
using AdminPortal.Api.Authentication;
using AdminPortal.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting.Server;

namespace AdminPortal.Bench;

/// <summary>
/// One server with endpoints that answer the same 2 bytes: none (no authentication), token (protected exactly as the
/// portal's /api/v1 endpoints are, with RequireApiToken), jwt (JwtBearer 8.0.34 validating an RS256 token through the
/// authorization middleware) and, as a diagnostic, token-policy (the ApiToken scheme through the authorization
/// middleware and a policy, the way the JWT endpoint is protected).
/// It issues one API token and one JWT at start.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private const string JwtPolicy = "jwt";

    private readonly RSA _rsa;
    private readonly string _data;

    private BenchHost(WebApplication app, RSA rsa, string data, string apiToken, string jwt)
    {
        App = app;
        _rsa = rsa;
        _data = data;
        ApiToken = apiToken;
        Jwt = jwt;
    }

    public WebApplication App { get; }

    public string ApiToken { get; }

    public string Jwt { get; }

    /// <summary>"serve --urls ... --secrets file": runs until stopped, with the secrets written for wrk.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        var secretsFile = args.SkipWhile(a => a != "--secrets").Skip(1).FirstOrDefault()
            ?? throw new ArgumentException("serve needs --secrets <file>");
        await using var host = await StartAsync(args);
        await File.WriteAllTextAsync(secretsFile, $"API_TOKEN={host.ApiToken}\nJWT={host.Jwt}\n");
        await host.App.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Starts on Kestrel, or on <paramref name="server"/> when one is given.</summary>
    public static async Task<BenchHost> StartAsync(string[] args, IServer? server = null)
    {
        var data = Directory.CreateTempSubdirectory("adminportal-bench-host-").FullName;
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration["Database:DataDirectory"] = data;
        builder.Logging.ClearProviders();
        if (server is not null)
        {
            builder.WebHost.UseServer(server);
        }

        builder.AddTokenDomain();
        builder.AddTokenApi();
        var rsa = RSA.Create(2048);
        var (jwt, parameters) = JwtFixture.Create(rsa);
        builder.Services.AddAuthentication().AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.TokenValidationParameters = parameters;
            o.MapInboundClaims = false;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(JwtPolicy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());

        var app = builder.Build();
        app.MapGet("/bench/none", () => "ok");
        app.MapGet("/bench/token", () => "ok").RequireApiToken();
        app.MapGet("/bench/jwt", () => "ok").RequireAuthorization(JwtPolicy);
        app.MapGet("/bench/token-policy", () => "ok").RequireAuthorization(ApiTokenDefaults.Scheme);
        app.MapTokenApi();
        await app.StartAsync();

        var owner = await app.Services.GetRequiredService<UserService>()
            .SignInAsync(new SignInProfile("bench", "Bench", "bench-user", "Bench User", "bench@bench.example", Role.FullAdmin));
        var token = await app.Services.GetRequiredService<TokenService>().CreateAsync(owner.Id, new TokenDraft { Name = "wrk", Scopes = ["tokens:read"] });
        return new BenchHost(app, rsa, data, token.Value!.Secret, jwt);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _rsa.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
