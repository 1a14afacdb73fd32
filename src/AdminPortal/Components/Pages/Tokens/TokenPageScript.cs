using Microsoft.JSInterop;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>The token page's JS module (TokensPage.razor.js), imported once per page and shared with its dialogs.</summary>
public sealed class TokenPageScript(IJSObjectReference module) : IAsyncDisposable
{
    public static async Task<TokenPageScript> ImportAsync(IJSRuntime js) =>
        new(await js.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Tokens/TokensPage.razor.js"));

    public ValueTask ShowQueryAsync(string query) => module.InvokeVoidAsync("showQuery", query);

    /// <summary>Returns once the browser has run every call sent before (the previous dialog closing).</summary>
    public ValueTask SettleAsync() => module.InvokeVoidAsync("settle");

    /// <summary>Focuses the element with this id and keeps the focus in its dialog while the previous dialog finishes closing.</summary>
    public ValueTask FocusAndHoldAsync(string elementId) => module.InvokeVoidAsync("focusAndHold", elementId);

    /// <summary>Focuses the element with this id once the browser has finished closing a dialog.</summary>
    public ValueTask FocusLaterAsync(string elementId) => module.InvokeVoidAsync("focusLater", elementId);

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
