using AdminPortal.SignIn.Oidc;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AdminPortal.Security;

/// <summary>
/// Puts the security headers on every response, whatever produced it: pages, static files, the API, health checks,
/// redirects, antiforgery refusals and error pages. They are written when the response starts (not when the request
/// arrives) because the exception handler clears the headers of a failed response before it renders the error page.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IHostEnvironment environment, IOptions<HstsOptions> hsts, IOptions<OidcOptions> oidc)
{
    /// <summary>Features the portal never uses, refused for it and anything it might embed.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>
    /// No Referer at all: the portal's addresses carry token GUIDs, user ids and search terms
    /// (/audit?token=…&amp;actor=…), and nothing in the portal reads the header, so nothing is lost by never sending it,
    /// not even the origin (which would name an internal host) to the identity provider or a linked page.
    /// </summary>
    public const string ReferrerPolicy = "no-referrer";

    private readonly string? _strictTransportSecurity = environment.IsDevelopment() ? null : HstsValue(hsts.Value);
    private readonly string? _providerOrigin = ContentSecurityPolicy.OriginOf(oidc.Value.Authority);

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            var (self, context) = ((SecurityHeaders, HttpContext))state;
            self.Apply(context);
            return Task.CompletedTask;
        }, (this, http));
        return next(http);
    }

    private void Apply(HttpContext http)
    {
        var headers = http.Response.Headers;
        var isPage = headers.ContentType.ToString().StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
        // Replaces Blazor's own "frame-ancestors 'self'" on pages with the whole policy.
        headers.ContentSecurityPolicy = isPage ? ContentSecurityPolicy.ForPage(CspNonce.Of(http), _providerOrigin) : ContentSecurityPolicy.NonDocument;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.Remove(HeaderNames.Server);
        headers.Remove(HeaderNames.XPoweredBy);
        if (_strictTransportSecurity is not null && http.Request.IsHttps && !IsExcluded(http.Request.Host.Host))
        {
            headers.StrictTransportSecurity = _strictTransportSecurity;
        }
    }

    private bool IsExcluded(string host) =>
        hsts.Value.ExcludedHosts.Any(excluded => string.Equals(excluded, host, StringComparison.OrdinalIgnoreCase));

    private static string HstsValue(HstsOptions options) =>
        $"max-age={(long)options.MaxAge.TotalSeconds}{(options.IncludeSubDomains ? "; includeSubDomains" : "")}{(options.Preload ? "; preload" : "")}";
}
