using System.Globalization;
using System.Security.Cryptography;
using AdminPortal.Api;
using AdminPortal.Api.Authentication;
using AdminPortal.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using AdminPortal.Tokens.Verification;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace AdminPortal.Bench;

/// <summary>
/// One server with three endpoints that answer the same 2 bytes: none (no authentication), token (the portal's own
/// API-token scheme, registered by AddTokenApi) and jwt (JwtBearer 8.0.34 validating an RS256 token). At start it
/// issues one API token and one JWT and writes them to the file named by --secrets, for wrk.
/// </summary>
internal static class BenchHost
{
    private const string JwtPolicy = "jwt";

    public static async Task<int> RunAsync(string[] args)
    {
        var secretsFile = args.SkipWhile(a => a != "--secrets").Skip(1).FirstOrDefault()
            ?? throw new ArgumentException("serve needs --secrets <file>");
        var data = Directory.CreateTempSubdirectory("adminportal-bench-host-").FullName;
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration["Database:DataDirectory"] = data;
        builder.Logging.ClearProviders();
        builder.AddTokenDomain();
        builder.AddTokenApi();
        using var rsa = RSA.Create(2048);
        var (jwt, parameters) = JwtFixture.Create(rsa);
        builder.Services.AddAuthentication().AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            o.TokenValidationParameters = parameters;
            o.MapInboundClaims = false;
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(JwtPolicy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());

        await using var app = builder.Build();
        app.MapGet("/bench/none", () => "ok");
        app.MapGet("/bench/token", () => "ok").RequireAuthorization(ApiTokenDefaults.Scheme);
        app.MapGet("/bench/jwt", () => "ok").RequireAuthorization(JwtPolicy);

        // Diagnostic: the same verification without ASP.NET Core's authentication and authorization middleware.
        app.MapGet("/bench/token-direct", async (HttpContext context, TokenVerifier verifier) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var secret = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
            var verification = await verifier.VerifyAsync(secret, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
            return verification.IsValid ? Results.Text("ok") : Results.Unauthorized();
        });
        app.MapTokenApi();
        await app.StartAsync();

        var owner = await app.Services.GetRequiredService<UserService>()
            .SignInAsync(new SignInProfile("bench", "Bench", "bench-user", "Bench User", "bench@bench.example", Role.FullAdmin));
        var token = await app.Services.GetRequiredService<TokenService>().CreateAsync(owner.Id, new TokenDraft { Name = "wrk", Scopes = ["tokens:read"] });
        await File.WriteAllTextAsync(secretsFile, string.Create(CultureInfo.InvariantCulture, $"API_TOKEN={token.Value!.Secret}\nJWT={jwt}\n"));
        await app.WaitForShutdownAsync();
        Directory.Delete(data, recursive: true);
        return 0;
    }
}
