using AdminPortal.Tokens.Model;
using MudBlazor;

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
        AuditAction.PolicyChanged => "Policy changed",
    };

    /// <summary>A Material icon (SVG path data for MudIcon).</summary>
    public static string Icon(AuditAction action) => action switch
    {
        AuditAction.TokenCreated => Icons.Material.Outlined.AddCircleOutline,
        AuditAction.TokenEdited => Icons.Material.Outlined.Edit,
        AuditAction.TokenRevoked => Icons.Material.Outlined.Block,
        AuditAction.TokenRestored => Icons.Material.Outlined.SettingsBackupRestore,
        AuditAction.TokenRolled => Icons.Material.Outlined.Autorenew,
        AuditAction.TokenDeleted => Icons.Material.Outlined.Delete,
        AuditAction.UserDeactivated => Icons.Material.Outlined.PersonOff,
        AuditAction.UserReactivated => Icons.Material.Outlined.HowToReg,
        AuditAction.SignedIn => Icons.Material.Outlined.Login,
        AuditAction.SignedOut => Icons.Material.Outlined.Logout,
        AuditAction.SignInRefused => Icons.Material.Outlined.NoAccounts,
        AuditAction.PolicyChanged => Icons.Material.Outlined.Policy,
    };

    /// <summary>
    /// Red for what takes access away, amber for what changes a secret or a person and for a refused sign-in, green for what
    /// grants, neutral for edits and for signing in and out.
    /// </summary>
    public static Color Style(AuditAction action) => action switch
    {
        AuditAction.TokenRevoked or AuditAction.TokenDeleted => Color.Error,
        AuditAction.TokenRolled or AuditAction.UserDeactivated or AuditAction.SignInRefused => Color.Warning,
        AuditAction.TokenCreated or AuditAction.TokenRestored or AuditAction.UserReactivated => Color.Success,
        AuditAction.TokenEdited or AuditAction.SignedIn or AuditAction.SignedOut => Color.Info,
        AuditAction.PolicyChanged => Color.Warning,
    };
}
