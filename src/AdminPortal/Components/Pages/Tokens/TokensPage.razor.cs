using AdminPortal.SignIn;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokensPage : IAsyncDisposable
{
    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    private PortalIdentity? identity;
    private TokenPageContext? context;
    private TokenListState state = new();
    private TokenGrid? grid;
    private string? failure;

    private string Lead => identity is null ? ""
        : state.AllOfTenant ? $"Every API token of {identity.TenantName}. Tokens carry at most the privileges of their owner."
        : "Your API tokens. A token carries at most your privileges; its secret is shown once, when it is created or rolled.";

    // New options for every dialog: Radzen writes to them and listens to their changes, so they must not be shared.
    private static DialogOptions FormOptions => new() { Width = "46rem", CloseDialogOnOverlayClick = false };

    // Closing the reveal is a deliberate "Done" (or the close button), never a stray Escape or click beside it.
    private static DialogOptions RevealOptions => new() { Width = "44rem", CloseDialogOnOverlayClick = false, CloseDialogOnEsc = false };

    private static DialogOptions ConfirmOptions => new() { Width = "30rem" };

    protected override async Task OnInitializedAsync()
    {
        identity = PortalIdentity.From((await Authentication!).User);
        failure = identity is null ? "Your session is not valid. Sign out and sign in again." : null;
        state = TokenListState.Parse(new Uri(Navigation.Uri).Query, identity?.IsFullAdmin == true);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || identity is null)
        {
            return;
        }

        var script = await TokenPageScript.ImportAsync(JS);
        var held = await Tokens.ScopesHeldByAsync(identity.UserId);
        var owners = identity.IsFullAdmin ? await Users.ListAsync(identity.UserId) : Result<IReadOnlyList<UserView>>.Ok([]);
        if (!held.Succeeded || !owners.Succeeded)
        {
            failure = (held.Error ?? owners.Error)!.Message;
            await script.DisposeAsync();
        }
        else
        {
            context = new TokenPageContext(identity, new BrowserTime(await BrowserZone.GetAsync()), script, [.. Catalog.All.Where(s => held.Value.Contains(s.Name))],
                owners.Value, Options.Value.UsageActiveWindow, ApiExample.For(Navigation.BaseUri));
        }

        StateHasChanged();
    }

    private async Task FilterAsync(TokenListState next)
    {
        await ShowStateAsync(next);
        await grid!.ShowAsync(next);
    }

    private async Task ShowStateAsync(TokenListState next)
    {
        state = next;
        await context!.Script.ShowQueryAsync(state.ToQueryString(context.IsFullAdmin));
    }

    // The form hands over what it saved through a callback rather than as the dialog's result, so that a token
    // created while the dialog was being closed is still revealed.
    private async Task CreateAsync() =>
        await Dialogs.OpenAsync<TokenFormDialog>("Create token", new()
        {
            [nameof(TokenFormDialog.Context)] = context,
            [nameof(TokenFormDialog.Created)] = EventCallback.Factory.Create<CreatedToken>(this, CreatedAsync),
        }, FormOptions);

    private async Task CreatedAsync(CreatedToken created)
    {
        var secret = new OneTimeSecret(created, rolled: false);
        await SecretRevealOrder.RunAsync(secret, ShowRevealAsync, grid!.RefreshAsync, RefreshFailed);
        Notify(NotificationSeverity.Success, $"Created '{secret.Token.Name}'.");
    }

    private async Task EditAsync(TokenView token) =>
        await Dialogs.OpenAsync<TokenFormDialog>($"Edit '{token.Name}'", new()
        {
            [nameof(TokenFormDialog.Context)] = context,
            [nameof(TokenFormDialog.Token)] = token,
            [nameof(TokenFormDialog.Saved)] = EventCallback.Factory.Create<TokenView>(this, saved => SavedAsync(token, saved)),
        }, FormOptions);

    private async Task SavedAsync(TokenView before, TokenView saved)
    {
        Notify(NotificationSeverity.Success, saved.Version == before.Version ? $"No changes to '{saved.Name}'." : $"Saved '{saved.Name}'.");
        await grid!.RefreshAsync();
    }

    private async Task ActAsync((TokenAction Action, TokenView Token) request)
    {
        var (action, token) = request;
        var texts = TokenActionTexts.For(action, token);
        object? confirmed = await Dialogs.OpenAsync<ConfirmTokenActionDialog>(texts.Title,
            new() { [nameof(ConfirmTokenActionDialog.Texts)] = texts }, ConfirmOptions);
        if (confirmed is not true)
        {
            return;
        }

        var actor = context!.Identity.UserId;
        OneTimeSecret? secret = null;
        var error = action switch
        {
            TokenAction.Revoke => (await Tokens.RevokeAsync(actor, token.Id)).Error,
            TokenAction.Restore => (await Tokens.RestoreAsync(actor, token.Id)).Error,
            TokenAction.Delete => (await Tokens.DeleteAsync(actor, token.Id)).Error,
            TokenAction.Roll => await RollAsync(actor, token, s => secret = s),
            _ => throw new ArgumentOutOfRangeException(nameof(request)),
        };
        if (secret is not null)
        {
            await SecretRevealOrder.RunAsync(secret, ShowRevealAsync, grid!.RefreshAsync, RefreshFailed);
        }
        else
        {
            await grid!.RefreshAsync();
        }

        // After the reveal, so that the notification does not cover the one-time secret.
        Notify(error is null ? NotificationSeverity.Success : NotificationSeverity.Error, error is null ? texts.Done : texts.Failed, error?.Message);
    }

    private async Task<TokenError?> RollAsync(Guid actor, TokenView token, Action<OneTimeSecret> reveal)
    {
        var rolled = await Tokens.RollAsync(actor, token.Id);
        if (rolled.Succeeded)
        {
            reveal(new OneTimeSecret(rolled.Value, rolled: true));
        }

        return rolled.Error;
    }

    /// <summary>Opens the dialog that shows the secret once; returns the task that ends when it closes (see <see cref="SecretRevealOrder"/>).</summary>
    private async Task<Task> ShowRevealAsync(OneTimeSecret secret)
    {
        var title = secret.Rolled ? $"New secret for '{secret.Token.Name}'" : $"Token '{secret.Token.Name}' created";
        await context!.Script.SettleAsync();
        return Dialogs.OpenAsync<SecretRevealDialog>(title,
            new() { [nameof(SecretRevealDialog.Secret)] = secret, [nameof(SecretRevealDialog.Context)] = context }, RevealOptions);
    }

    private void RefreshFailed(Exception exception)
    {
        Logger.LogWarning(exception, "The token list could not be refreshed after a secret was revealed.");
        Notify(NotificationSeverity.Error, "The token list could not be refreshed.", "Reload the page to see it.");
    }

    private void Notify(NotificationSeverity severity, string summary, string? detail = null) =>
        Notifications.Notify(new NotificationMessage { Severity = severity, Summary = summary, Detail = detail ?? "", Duration = 6000 });

    public async ValueTask DisposeAsync()
    {
        if (context is not null)
        {
            await context.Script.DisposeAsync();
        }
    }
}
