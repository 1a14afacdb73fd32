namespace AdminPortal.Security;

/// <summary>
/// The two Content-Security-Policies the portal sends: one for its HTML pages (Blazor Server with MudBlazor) and a
/// locked-down one for everything else (API answers, JSON, static files), which never needs to run or load anything.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>
    /// Anything that is not an HTML page: nothing may load, nothing may frame it, nothing may be submitted from it.
    /// </summary>
    public const string NonDocument = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// The policy of an HTML page whose inline import map carries <paramref name="nonce"/>.
    /// <list type="bullet">
    /// <item>script-src: blazor.web.js, MudBlazor.min.js and the components' JS modules are files of this origin; the
    /// import map is the only inline script and carries the nonce. No 'unsafe-eval': neither Blazor Server nor MudBlazor
    /// evaluates strings (the browser test records every violation).</item>
    /// <item>style-src: stylesheets of this origin, MudBlazor's theme included (served as theme/light.css and theme/dark.css
    /// instead of the inline &lt;style&gt; elements of MudThemeProvider). What MudBlazor still requires: style-src-attr
    /// 'unsafe-inline' (its components set style attributes: popover positions, column widths, dialog placement) and
    /// style-src-elem 'unsafe-inline', because its snackbar and pickers render &lt;style&gt; elements whose content differs per
    /// instance, so neither a hash nor a nonce can allow them (MudBlazor issue 4529). Styles cannot run code, and whatever
    /// an injected style could load is held to this origin by default-src, img-src and font-src.</item>
    /// <item>connect-src 'self': the circuit's WebSocket (CSP Level 3 lets 'self' match ws:/wss: to the same host and
    /// port) and its negotiate/long-polling fallbacks.</item>
    /// <item>form-action: the portal's own forms; sign-out answers with a redirect to the identity provider's
    /// end-session endpoint, and browsers apply form-action to redirects, so the provider's origin is allowed too.</item>
    /// </list>
    /// </summary>
    public static string ForPage(string nonce, string? providerOrigin) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; frame-src 'none'; frame-ancestors 'none'; " +
        $"form-action 'self'{(providerOrigin is null ? "" : " " + providerOrigin)}";

    /// <summary>The origin (scheme, host, port) of the identity provider's Authority, or null when there is none.</summary>
    public static string? OriginOf(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
