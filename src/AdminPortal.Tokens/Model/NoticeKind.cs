namespace AdminPortal.Tokens.Model;

/// <summary>Why a person is told something about a token.</summary>
public enum NoticeKind
{
    /// <summary>A token expires within the tenant's notice period.</summary>
    ExpiresSoon = 0,

    /// <summary>A token expires today.</summary>
    ExpiresToday = 1,

    /// <summary>A token will be revoked soon by the clean-up of unused tokens.</summary>
    CleanupSoon = 2,

    /// <summary>A token was revoked by the clean-up of unused tokens.</summary>
    CleanedUp = 3,

    /// <summary>A rolled-away secret was used after its grace period: it may have leaked.</summary>
    SecretReused = 4,

    /// <summary>A secret was reported found in a public place and the token was revoked.</summary>
    SecretLeaked = 5,

    /// <summary>A full admin's daily digest of the tenant's tokens that expire soon.</summary>
    AdminDigest = 6,
}
