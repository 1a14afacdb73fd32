namespace AdminPortal.SignIn;

internal static class ReturnUrls
{
    /// <summary>Only a local path: an open redirect would let a link send a freshly signed-in user anywhere.</summary>
    public static string Safe(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/tokens";
}
