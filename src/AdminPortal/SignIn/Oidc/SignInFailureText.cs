namespace AdminPortal.SignIn.Oidc;

/// <summary>What the sign-in page tells a person after a refused sign-in (?error=) or a sign-out (?signedOut=true).</summary>
internal static class SignInFailureText
{
    public static string? For(string? error, bool signedOut) =>
        Enum.TryParse<SignInFailure>(error, ignoreCase: true, out var failure) ? For(failure)
        : error is not null ? For(SignInFailure.Failed)
        : signedOut ? "You are signed out."
        : null;

    public static string For(SignInFailure failure) => failure switch
    {
        SignInFailure.NoRole => "Your account has no role in AdminPortal. Ask your administrator to give you one of the portal's roles in your identity provider.",
        SignInFailure.NoTenant => "Your account does not belong to an organisation that may use this portal.",
        SignInFailure.Cancelled => "Sign-in was cancelled.",
        SignInFailure.Deactivated => "Your account is deactivated. Ask an administrator to reactivate it.",
        SignInFailure.Unavailable => "Your organisation's identity provider cannot be reached right now. Try again in a moment.",
        SignInFailure.Failed => "Sign-in did not complete. Try again; if it keeps failing, tell your administrator (the portal's log says why).",
    };
}
