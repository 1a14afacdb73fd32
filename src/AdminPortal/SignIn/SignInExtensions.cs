using AdminPortal.Tokens.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.SignIn;

public static class SignInExtensions
{
    /// <summary>
    /// Cookie sessions (HttpOnly, SameSite=Lax, Secure outside Development, sliding 8 hours); every request
    /// re-checks that the user still exists and is active. In Development: the demo sign-in and demo data.
    /// </summary>
    public static IHostApplicationBuilder AddPortalSignIn(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.LogoutPath = "/signout";
                options.AccessDeniedPath = "/signin";
                options.Cookie.Name = "adminportal.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.Events.OnValidatePrincipal = RejectUnknownOrDeactivatedAsync;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        if (development)
        {
            builder.Services.AddHostedService<DemoData>();
        }

        return builder;
    }

    /// <summary>Authentication, authorization, sign-out and (in Development) the demo sign-in.</summary>
    public static WebApplication UsePortalSignIn(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapPortalSignIn(this WebApplication app)
    {
        DevelopmentSignIn.Map(app);
        app.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/signin");
        });
        return app;
    }

    private static async Task RejectUnknownOrDeactivatedAsync(CookieValidatePrincipalContext context)
    {
        var identity = PortalIdentity.From(context.Principal);
        var contexts = context.HttpContext.RequestServices.GetRequiredService<IDbContextFactory<TokenDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(context.HttpContext.RequestAborted);
        var active = identity is not null && await db.Users.AnyAsync(u => u.Id == identity.UserId && u.IsActive, context.HttpContext.RequestAborted);
        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
