namespace AdminPortal.SignIn.Oidc;

/// <summary>Why a sign-in through the provider was refused. The code reaches the sign-in page as ?error=.</summary>
public enum SignInFailure
{
    /// <summary>The protocol failed: state, code, id_token or the provider's answer was not acceptable.</summary>
    Failed = 0,

    /// <summary>The person cancelled at the provider.</summary>
    Cancelled = 1,

    /// <summary>The person's claims give no portal role and unmapped users are refused.</summary>
    NoRole = 2,

    /// <summary>The tenant claim is missing, or names a tenant that may not sign in.</summary>
    NoTenant = 3,

    /// <summary>The person's portal account is deactivated.</summary>
    Deactivated = 4,

    /// <summary>The provider's metadata could not be read, so no sign-in could start.</summary>
    Unavailable = 5,
}

/// <summary>A refused sign-in. The message says why for the log, and never carries a token, code or secret.</summary>
internal sealed class SignInRejectedException(SignInFailure failure, string message)
    : Exception(message)
{
    public SignInFailure Failure { get; } = failure;
}
