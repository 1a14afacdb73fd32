using MudBlazor;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>What a dialog says after a copy button was pressed.</summary>
public static class CopyNotices
{
    /// <summary>Reports a copy of <paramref name="what"/> ("the GUID", "the secret"); never includes the copied text.</summary>
    public static void ReportCopy(this ISnackbar snackbar, bool copied, string what) =>
        snackbar.Add(copied ? $"Copied {what}." : $"Could not copy {what}. Select the text and copy it yourself.",
            copied ? Severity.Info : Severity.Warning, options => options.VisibleStateDuration = 3000);
}
