namespace AdminPortal.Tokens.Notifications;

/// <summary>Settings of the notices (expiry, clean-up) and their e-mail delivery, bound from the "Notifications" section.</summary>
public sealed class NotificationOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Notifications";

    /// <summary>How often the producer looks for notices to write (and the sender for notices to deliver).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The portal's public address, for links in notices ("https://portal.example" + "/tokens/{guid}").</summary>
    public string? PortalUrl { get; set; }

    /// <summary>E-mail delivery; off while <see cref="SmtpOptions.Host"/> is unset.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Whether e-mail delivery is configured.</summary>
    public bool SendsMail => !string.IsNullOrWhiteSpace(Smtp.Host);

    /// <summary>The link to one token: <see cref="PortalUrl"/> + "/tokens/{guid}" (a path alone while no address is set).</summary>
    public string TokenLink(Guid tokenId) => $"{(PortalUrl ?? "").TrimEnd('/')}/tokens/{tokenId:D}";
}

/// <summary>The SMTP server notices are sent through ("Notifications:Smtp").</summary>
public sealed class SmtpOptions
{
    /// <summary>Host name or address; unset: no e-mail.</summary>
    public string? Host { get; set; }

    /// <summary>Port; 0: the usual port of <see cref="Security"/> (25 plain, 587 STARTTLS, 465 TLS on connect).</summary>
    public int Port { get; set; }

    /// <summary>How the connection is protected.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>User to authenticate as; unset: no authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>That user's password (never logged).</summary>
    public string? Password { get; set; }

    /// <summary>The sender, "Portal &lt;portal@example.com&gt;" or "portal@example.com".</summary>
    public string? From { get; set; }

    /// <summary>The port in effect.</summary>
    public int EffectivePort => Port != 0 ? Port : Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };
}

/// <summary>How the SMTP connection is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text (a relay on the same machine or private network only).</summary>
    None = 0,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (refused otherwise).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect = 2,
}
