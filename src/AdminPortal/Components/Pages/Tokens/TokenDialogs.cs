using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>
/// The tokens page's dialogs, opened with MudBlazor's <see cref="IDialogService"/>: what each one is given, how it may be
/// closed, and what it answers. The page calls these; the dialogs close themselves through their <c>IMudDialogInstance</c>.
/// </summary>
public static class TokenDialogs
{
    // New options for every dialog: they are records the provider keeps per dialog. Where the focus goes when a dialog
    // opens is the dialog component's own DefaultFocus (MudDialog's parameter wins over these options): the form and the
    // reveal focus their first field themselves (AutoFocus), a confirmation its first button, Cancel.
    private static DialogOptions FormOptions => new()
    {
        MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = true, CloseButton = true, DefaultFocus = DefaultFocus.None,
    };

    // Closing the reveal is a deliberate "Done" (or the close button), never a stray Escape or click beside it.
    private static DialogOptions RevealOptions => new()
    {
        MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false, CloseButton = true, DefaultFocus = DefaultFocus.None,
    };

    private static DialogOptions ConfirmOptions => new()
    {
        MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, BackdropClick = true, CloseOnEscapeKey = true, CloseButton = false, DefaultFocus = DefaultFocus.FirstChild,
    };

    /// <summary>Opens the person's calendar feed (make, replace or revoke its address).</summary>
    public static Task<IDialogReference> CalendarFeedAsync(IDialogService dialogs, TokenPageContext context) =>
        dialogs.ShowAsync<CalendarFeedDialog>("Calendar feed of your token expiries", new DialogParameters<CalendarFeedDialog>
        {
            { d => d.UserId, context.Identity.UserId },
            { d => d.Time, context.Time },
        }, FormOptions);

    /// <summary>
    /// Opens the create form. What it created is handed over through <paramref name="created"/> rather than as the
    /// dialog's result, so that a token created while the dialog was being closed is still revealed.
    /// </summary>
    public static Task<IDialogReference> CreateAsync(IDialogService dialogs, TokenPageContext context, EventCallback<CreatedToken> created) =>
        dialogs.ShowAsync<TokenFormDialog>("Create token", new DialogParameters<TokenFormDialog>
        {
            { d => d.Context, context },
            { d => d.Created, created },
        }, FormOptions);

    /// <summary>Opens the edit form of <paramref name="token"/>; what it saved is handed over through <paramref name="saved"/>.</summary>
    public static Task<IDialogReference> EditAsync(IDialogService dialogs, TokenPageContext context, TokenView token, EventCallback<TokenView> saved) =>
        dialogs.ShowAsync<TokenFormDialog>($"Edit '{token.Name}'", new DialogParameters<TokenFormDialog>
        {
            { d => d.Context, context },
            { d => d.Token, token },
            { d => d.Saved, saved },
        }, FormOptions);

    /// <summary>Opens the "Check a secret" dialog of a full admin; <paramref name="revoked"/> hears of a token revoked from it.</summary>
    public static Task<IDialogReference> CheckSecretAsync(IDialogService dialogs, TokenPageContext context, EventCallback<TokenView> revoked) =>
        dialogs.ShowAsync<CheckSecretDialog>("Check a secret", new DialogParameters<CheckSecretDialog>
        {
            { d => d.ActorId, context.Identity.UserId },
            { d => d.Revoked, revoked },
        }, ConfirmOptions);

    /// <summary>Asks to confirm an action; true only when the person confirmed it (Cancel, Escape and a click beside it are no).</summary>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, ActionTexts texts)
    {
        var dialog = await dialogs.ShowAsync<ConfirmTokenActionDialog>(texts.Title,
            new DialogParameters<ConfirmTokenActionDialog> { { d => d.Texts, texts } }, ConfirmOptions);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }

    /// <summary>
    /// Asks to confirm a roll with one of <paramref name="choices"/> for the old secret's grace period (the token service's);
    /// the chosen grace, or null when the person cancelled (Cancel, Escape, a click beside it).
    /// </summary>
    public static async Task<TimeSpan?> ConfirmRollAsync(IDialogService dialogs, ActionTexts texts, IReadOnlyList<GraceChoice> choices)
    {
        var dialog = await dialogs.ShowAsync<RollSecretDialog>(texts.Title, new DialogParameters<RollSecretDialog>
        {
            { d => d.Texts, texts },
            { d => d.Choices, choices },
        }, ConfirmOptions);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TimeSpan grace } ? grace : null;
    }

    /// <summary>Opens the dialog that shows the secret once; returns the task that ends when it closes (see <see cref="SecretRevealOrder"/>).</summary>
    public static async Task<Task> RevealAsync(IDialogService dialogs, TokenPageContext context, OneTimeSecret secret)
    {
        var title = secret.Rolled ? $"New secret for '{secret.Token.Name}'" : $"Token '{secret.Token.Name}' created";
        var dialog = await dialogs.ShowAsync<SecretRevealDialog>(title, new DialogParameters<SecretRevealDialog>
        {
            { d => d.Secret, secret },
            { d => d.Context, context },
        }, RevealOptions);
        return dialog.Result;
    }
}
