using System.Globalization;
using System.Text;

namespace AdminPortal.Tokens.Notifications;

/// <summary>
/// The words of each notice: a one-line subject and a plain-text body that names the token, its GUID, its expiry (or
/// clean-up date) and a link to it. Never a secret or a hash: only what the tokens page shows.
/// </summary>
public static class NoticeTexts
{
    /// <summary>An instant as notices write it: UTC, to the minute.</summary>
    public static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The facts of one token, one per line.</summary>
    public static string Facts(string name, Guid id, DateTimeOffset? validTo, string link) =>
        $"Token: {name}\nGUID: {id:D}\nExpires: {(validTo is { } end ? Utc(end) : "never")}\nOpen it: {link}\n";

    internal static (string Subject, string Body) ExpiresSoon(string name, Guid id, DateTimeOffset validTo, DateTimeOffset now, string link)
    {
        var days = Math.Max(1, (int)Math.Ceiling((validTo - now).TotalDays));
        return ($"Your API token \"{name}\" expires in {days} day{(days == 1 ? "" : "s")}",
            $"Your API token \"{name}\" expires on {Utc(validTo)}.\n\n{Facts(name, id, validTo, link)}\n"
            + "Extend its validity, or create a replacement and move its users to it, before then.\n" + Footer);
    }

    internal static (string Subject, string Body) ExpiresToday(string name, Guid id, DateTimeOffset validTo, string link) =>
        ($"Your API token \"{name}\" expires today",
            $"Your API token \"{name}\" expires today, at {Utc(validTo)}. Calls with it are refused from then on.\n\n"
            + $"{Facts(name, id, validTo, link)}\nExtend its validity now if it is still needed.\n" + Footer);

    internal static (string Subject, string Body) CleanupSoon(string name, Guid id, DateTimeOffset? validTo, DateTimeOffset lastActivity, bool neverUsed, int days, DateTimeOffset revokeFrom, string link) =>
        ($"Your unused API token \"{name}\" will be revoked on {revokeFrom:yyyy-MM-dd}",
            $"Your API token \"{name}\" has {(neverUsed ? "never been used since it was created on " : "not been used since ")}{Utc(lastActivity)}. "
            + $"Your organisation's token policy revokes tokens unused for {days} days: this one will be revoked on or after {Utc(revokeFrom)} "
            + "unless it is used before then.\n\n"
            + $"{Facts(name, id, validTo, link)}\nNothing to do if it is no longer needed.\n" + Footer);

    internal static (string Subject, string Body) CleanedUp(string name, Guid id, DateTimeOffset? validTo, int days, DateTimeOffset at, string link) =>
        ($"Your unused API token \"{name}\" was revoked",
            $"Your API token \"{name}\" was revoked on {Utc(at)} by your organisation's token policy: it had not been used for {days} days.\n\n"
            + $"{Facts(name, id, validTo, link)}\nIf it is still needed, ask a full admin to restore it, or create a new one.\n" + Footer);

    internal static (string Subject, string Body) AdminDigest(
        string tenantName, DateTimeOffset day, int days, IReadOnlyList<DigestLine> lines, int total, bool totalIsLowerBound, Func<Guid, string> link)
    {
        var count = $"{total:N0}{(totalIsLowerBound ? "+" : "")}";
        var body = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{count} API token{(total == 1 ? "" : "s")} of {tenantName} expire within {days} days (as of {Utc(day)}).\n\n");
        foreach (var line in lines)
        {
            body.Append(CultureInfo.InvariantCulture, $"- {line.Name} (owner {line.Owner})\n  GUID: {line.Id:D}\n  Expires: {Utc(line.ValidTo)}\n  Open it: {link(line.Id)}\n");
        }

        if (total > lines.Count)
        {
            body.Append(CultureInfo.InvariantCulture, $"\n... and {(totalIsLowerBound ? "more than " : "")}{total - lines.Count:N0} more: filter the tokens page by \"Expiring soon\".\n");
        }

        return ($"{count} API token{(total == 1 ? "" : "s")} of {tenantName} expire within {days} days", body.Append('\n').Append(Footer).ToString());
    }

    private const string Footer = "This message never contains a token's secret. You receive it because of your organisation's token policy.\n";

    internal sealed record DigestLine(Guid Id, string Name, string Owner, DateTimeOffset ValidTo);
}
