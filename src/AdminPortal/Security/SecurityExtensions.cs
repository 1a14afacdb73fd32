using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AdminPortal.Security;

/// <summary>The portal's web security: response headers, HSTS, the antiforgery cookie and no server banner.</summary>
public static class SecurityExtensions
{
    /// <summary>How long browsers remember to use HTTPS only (outside Development).</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>
    /// The key ring of the cookies in the portal's database (<see cref="DataProtectionExtensions.AddPortalDataProtection"/>);
    /// Kestrel sends no Server header; HSTS for a year (not includeSubDomains or preload: other hosts of the
    /// organisation's domain are not the portal's to decide); antiforgery with the portal's cookie flags (SameSite=Strict:
    /// it is only needed on the portal's own form posts) and without its X-Frame-Options: SAMEORIGIN, since every response
    /// gets DENY.
    /// </summary>
    public static IHostApplicationBuilder AddPortalSecurity(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.AddTrustedProxies();
        builder.AddPortalDataProtection();
        builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        builder.Services.AddHsts(options => options.MaxAge = HstsMaxAge);
        builder.Services.AddAntiforgery(options =>
        {
            PortalCookies.Apply(options.Cookie, PortalCookies.Antiforgery, SameSiteMode.Strict, development);
            options.SuppressXFrameOptionsHeader = true;
        });
        return builder;
    }

    /// <summary>
    /// First in the pipeline (after the trusted proxies' forwarded headers, see <see cref="TrustedProxies"/>), so that every response carries the headers, including redirects, error pages and
    /// responses of middleware that ends a request early.
    /// </summary>
    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseMiddleware<SecurityHeaders>();
        return app;
    }
}
