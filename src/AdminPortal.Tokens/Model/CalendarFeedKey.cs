namespace AdminPortal.Tokens.Model;

/// <summary>
/// A person's key to the calendar feed of their tokens' expiries (table CalendarFeedKeys, at most one per person). Only the
/// key's hash is stored; the key is shown once, when it is made. Replacing it makes the old feed address answer 404.
/// </summary>
public sealed class CalendarFeedKey
{
    private CalendarFeedKey()
    {
    }

    internal CalendarFeedKey(PortalUser user, string keyHash, DateTimeOffset at)
    {
        UserId = user.Id;
        TenantId = user.TenantId;
        KeyHash = keyHash;
        CreatedAt = at;
    }

    /// <summary>The person whose feed it opens (the key).</summary>
    public Guid UserId { get; private set; }

    /// <summary>The person's tenant.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>SHA-256 (HMAC-SHA256 with Tokens:HashKey) of the key, hex.</summary>
    public string KeyHash { get; private set; } = "";

    /// <summary>When this key was made.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    internal void Replace(string keyHash, DateTimeOffset at)
    {
        KeyHash = keyHash;
        CreatedAt = at;
    }
}
