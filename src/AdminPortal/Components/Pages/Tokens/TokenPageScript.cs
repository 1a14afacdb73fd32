using Microsoft.JSInterop;
using MudBlazor;
using Radzen;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>The token page's JS module (TokensPage.razor.js), imported once per page and shared with its dialogs.</summary>
public sealed class TokenPageScript(IJSObjectReference module) : IAsyncDisposable
{
    public static async Task<TokenPageScript> ImportAsync(IJSRuntime js) =>
        new(await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Tokens/TokensPage.razor.js"));

    public ValueTask ShowQueryAsync(string query) => module.InvokeVoidAsync("showQuery", query);

    /// <summary>Returns once the browser has run every call sent before (the previous dialog closing).</summary>
    public ValueTask SettleAsync() => module.InvokeVoidAsync("settle");

    public ValueTask<bool> CopyTextAsync(string text) => module.InvokeAsync<bool>("copyText", text);

    /// <summary>Copies the value of the input with this id, without sending it to the browser again.</summary>
    public ValueTask<bool> CopyInputAsync(string elementId) => module.InvokeAsync<bool>("copyInput", elementId);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}

/// <summary>What the page says after a copy button was pressed.</summary>
public static class CopyNotice
{
    /// <summary>Reports a copy of <paramref name="what"/> ("the GUID", "the secret"); never includes the copied text.</summary>
    public static void NotifyCopied(this ISnackbar snackbar, bool copied, string what) =>
        snackbar.Add(copied ? $"Copied {what}." : $"Could not copy {what}. Select the text and copy it yourself.",
            copied ? Severity.Info : Severity.Warning, options => options.VisibleStateDuration = 3000);

    /// <summary>Reports a copy of <paramref name="what"/> ("the GUID", "the secret"); never includes the copied text.</summary>
    public static void NotifyCopied(this NotificationService notifications, bool copied, string what) =>
        notifications.Notify(new NotificationMessage
        {
            Severity = copied ? NotificationSeverity.Info : NotificationSeverity.Warning,
            Summary = copied ? $"Copied {what}." : $"Could not copy {what}.",
            Detail = copied ? "" : "Select the text and copy it yourself.",
            Duration = 3000,
        });
}
