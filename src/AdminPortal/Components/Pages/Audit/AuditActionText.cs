using AdminPortal.Tokens.Model;
using Radzen;

namespace AdminPortal.Components.Pages.Audit;

/// <summary>How an audited action reads in the log: a short label, an icon and a colour that says how much it matters.</summary>
public static class AuditActionText
{
    /// <summary>"Created", "Revoked", "User deactivated", ...</summary>
    public static string Label(AuditAction action) => action switch
    {
        AuditAction.TokenCreated => "Created",
        AuditAction.TokenEdited => "Edited",
        AuditAction.TokenRevoked => "Revoked",
        AuditAction.TokenRestored => "Restored",
        AuditAction.TokenRolled => "Secret rolled",
        AuditAction.TokenDeleted => "Deleted",
        AuditAction.UserDeactivated => "User deactivated",
        AuditAction.UserReactivated => "User reactivated",
        AuditAction.SignedIn => "Signed in",
        AuditAction.SignedOut => "Signed out",
        AuditAction.SignInRefused => "Sign-in refused",
    };

    /// <summary>A Material Symbols icon name.</summary>
    public static string Icon(AuditAction action) => action switch
    {
        AuditAction.TokenCreated => "add_circle",
        AuditAction.TokenEdited => "edit",
        AuditAction.TokenRevoked => "block",
        AuditAction.TokenRestored => "settings_backup_restore",
        AuditAction.TokenRolled => "autorenew",
        AuditAction.TokenDeleted => "delete",
        AuditAction.UserDeactivated => "person_off",
        AuditAction.UserReactivated => "person_check",
        AuditAction.SignedIn => "login",
        AuditAction.SignedOut => "logout",
        AuditAction.SignInRefused => "no_accounts",
    };

    /// <summary>
    /// Red for what takes access away, amber for what changes a secret or a person and for a refused sign-in, green for what
    /// grants, neutral for edits and for signing in and out.
    /// </summary>
    public static BadgeStyle Style(AuditAction action) => action switch
    {
        AuditAction.TokenRevoked or AuditAction.TokenDeleted => BadgeStyle.Danger,
        AuditAction.TokenRolled or AuditAction.UserDeactivated or AuditAction.SignInRefused => BadgeStyle.Warning,
        AuditAction.TokenCreated or AuditAction.TokenRestored or AuditAction.UserReactivated => BadgeStyle.Success,
        AuditAction.TokenEdited or AuditAction.SignedIn or AuditAction.SignedOut => BadgeStyle.Info,
    };
}
