namespace AdminPortal.Security;

/// <summary>
/// Names and flags of the cookies the server sets: the session, the antiforgery token and the sign-in's correlation
/// and nonce cookies. All are HttpOnly (no script reads them) and Path=/. Outside Development they are Secure and carry the
/// <c>__Host-</c> prefix, so that the browser keeps them only from HTTPS responses of this very host (no Domain
/// attribute: a sibling subdomain cannot plant or overwrite them). In Development the portal runs on plain
/// http://localhost, where a Secure cookie would never come back; there they are Secure only on HTTPS requests
/// (SameAsRequest) and have no prefix, which browsers would refuse without Secure.
/// The theme cookie is not here: the page's script writes it (see ThemeToggle.razor.js) and it holds no secret.
/// </summary>
public static class PortalCookies
{
    /// <summary>The session cookie's name without prefix.</summary>
    public const string Session = "adminportal.session";

    /// <summary>The antiforgery cookie's name without prefix.</summary>
    public const string Antiforgery = "adminportal.antiforgery";

    /// <summary>The start of the names of the OpenID Connect sign-in's correlation cookies (one per sign-in started).</summary>
    public const string Correlation = "adminportal.correlation.";

    /// <summary>The start of the names of the OpenID Connect sign-in's nonce cookies (one per sign-in started).</summary>
    public const string Nonce = "adminportal.nonce.";

    private const string HostPrefix = "__Host-";

    /// <summary>The name a cookie has in this environment.</summary>
    public static string NameOf(string name, bool development) => development ? name : HostPrefix + name;

    /// <summary>Gives <paramref name="cookie"/> the portal's name and flags, with <paramref name="sameSite"/>.</summary>
    public static void Apply(CookieBuilder cookie, string name, SameSiteMode sameSite, bool development)
    {
        cookie.Name = NameOf(name, development);
        cookie.HttpOnly = true;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.SameSite = sameSite;
        cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    }
}
