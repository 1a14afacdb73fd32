using AdminPortal.Tokens.Model;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tokens;

/// <summary>The domain's log messages. They name tokens by GUID and users by id; never a secret or hash.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Action} on token {TokenId} by user {UserId}")]
    public static partial void TokenChanged(ILogger logger, AuditAction action, Guid tokenId, Guid userId);

    [LoggerMessage(30, LogLevel.Information, "Token policy of tenant {TenantId} changed by user {UserId}")]
    public static partial void PolicyChanged(ILogger logger, Guid tenantId, Guid userId);

    [LoggerMessage(2, LogLevel.Information, "{Action} on user {TargetUserId} by user {UserId}")]
    public static partial void UserChanged(ILogger logger, AuditAction action, Guid targetUserId, Guid userId);

    [LoggerMessage(3, LogLevel.Warning, "Sign-in refused from {ClientAddress}: {Reason} (no known user: recorded in this log only)")]
    public static partial void SignInRefused(ILogger logger, string clientAddress, string reason);
}
