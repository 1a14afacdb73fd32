using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.SignIn;

/// <summary>Where a sign-in may send the browser back to: the one rule, used by every entry point that takes a return address.</summary>
internal static class ReturnUrls
{
    /// <summary>The token list: where a sign-in leads when no usable return address was given.</summary>
    public const string Default = "/tokens";

    /// <summary>
    /// <paramref name="returnUrl"/> when ASP.NET Core's own local-URL rule (the one <see cref="Results.LocalRedirect"/>
    /// enforces) accepts it and it is a path ("/..."), else <see cref="Default"/>. The framework's rule also refuses
    /// control characters: browsers drop tabs and newlines from a URL, so "/\t/evil.example" would be "//evil.example",
    /// another site. "~/" paths are local too, but nothing of the portal makes them, so they are not taken either.
    /// </summary>
    public static string Safe(string? returnUrl) =>
        RedirectHttpResult.IsLocalUrl(returnUrl) && returnUrl[0] == '/' ? returnUrl : Default;
}
