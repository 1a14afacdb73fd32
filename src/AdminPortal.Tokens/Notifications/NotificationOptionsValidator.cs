using Microsoft.Extensions.Options;
using MimeKit;

namespace AdminPortal.Tokens.Notifications;

/// <summary>Stops the start when a "Notifications" setting is wrong, naming the setting.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static IEnumerable<string> Problems(NotificationOptions options)
    {
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
        {
            yield return "Notifications:Interval must be between 00:00:01 and 01:00:00.";
        }

        if (options.PortalUrl is { } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)))
        {
            yield return "Notifications:PortalUrl must be an absolute http(s) address without query, such as https://portal.example.com.";
        }

        var smtp = options.Smtp;
        if (!options.SendsMail)
        {
            if (smtp.UserName is not null || smtp.Password is not null || smtp.From is not null || smtp.Port != 0)
            {
                yield return "Notifications:Smtp:Host is required when other Notifications:Smtp settings are set.";
            }

            yield break;
        }

        if (Uri.CheckHostName(smtp.Host!.Trim()) == UriHostNameType.Unknown)
        {
            yield return "Notifications:Smtp:Host must be a host name or an IP address.";
        }

        if (smtp.Port is < 0 or > 65535)
        {
            yield return "Notifications:Smtp:Port must be between 1 and 65535 (0 or unset: the usual port of the security mode).";
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            yield return "Notifications:Smtp:Security must be None, StartTls or SslOnConnect.";
        }

        if (string.IsNullOrWhiteSpace(smtp.From) || !MailboxAddress.TryParse(smtp.From, out var from) || !from.Address.Contains('@'))
        {
            yield return "Notifications:Smtp:From must be an e-mail address, such as \"AdminPortal <portal@example.com>\".";
        }

        if (string.IsNullOrEmpty(smtp.UserName) != string.IsNullOrEmpty(smtp.Password))
        {
            yield return "Notifications:Smtp:UserName and Notifications:Smtp:Password must be set together.";
        }

        if (string.IsNullOrWhiteSpace(options.PortalUrl))
        {
            yield return "Notifications:PortalUrl is required when e-mail is configured (Notifications:Smtp:Host): every e-mail links to its token.";
        }
    }
}
