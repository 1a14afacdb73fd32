namespace AdminPortal.Tokens.Model;

/// <summary>
/// Something one person must be told (table Notices): written in the same transaction as what causes it, then delivered
/// by e-mail (when configured) and shown in the portal. <see cref="DedupeKey"/> is unique, so that a notice exists once
/// whatever nodes and restarts produce it. Never holds a secret or a hash.
/// </summary>
public sealed class Notice
{
    private Notice()
    {
    }

    /// <summary>Sequence number.</summary>
    public long Id { get; private set; }

    /// <summary>The recipient's tenant.</summary>
    public Guid TenantId { get; private set; }

    /// <summary>Who is told.</summary>
    public Guid RecipientId { get; private set; }

    /// <summary>The token it is about, if any (kept after the token is deleted).</summary>
    public Guid? TokenId { get; private set; }

    /// <summary>Why.</summary>
    public NoticeKind Kind { get; private set; }

    /// <summary>What makes it one notice (for example "expires-soon:{token}:{recipient}:{valid-to}"); unique.</summary>
    public string DedupeKey { get; private set; } = "";

    /// <summary>One line: the e-mail's subject and the portal's heading.</summary>
    public string Subject { get; private set; } = "";

    /// <summary>Plain text: the e-mail's body.</summary>
    public string Body { get; private set; } = "";

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was delivered by e-mail; null until then (and while no e-mail is configured).</summary>
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>Failed delivery attempts so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Not before this time is delivery tried again (back-off after a failure); null: at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>The last delivery failure, for operators (never a secret).</summary>
    public string? LastError { get; private set; }

    /// <summary>When the recipient dismissed it in the portal.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>A new notice.</summary>
    public static Notice Create(Guid tenantId, Guid recipientId, Guid? tokenId, NoticeKind kind, string dedupeKey, string subject, string body, DateTimeOffset at) =>
        new()
        {
            TenantId = tenantId,
            RecipientId = recipientId,
            TokenId = tokenId,
            Kind = kind,
            DedupeKey = dedupeKey,
            Subject = subject,
            Body = body,
            CreatedAt = at,
        };

    /// <summary>Records a delivery.</summary>
    public void Sent(DateTimeOffset at)
    {
        SentAt = at;
        NextAttemptAt = null;
        LastError = null;
    }

    /// <summary>Records a failed delivery, to be tried again at <paramref name="retryAt"/>.</summary>
    public void Failed(string error, DateTimeOffset retryAt)
    {
        Attempts++;
        LastError = error;
        NextAttemptAt = retryAt;
    }

    /// <summary>Records that the recipient dismissed it.</summary>
    public void Read(DateTimeOffset at) => ReadAt ??= at;
}
