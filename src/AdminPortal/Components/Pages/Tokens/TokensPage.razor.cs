using AdminPortal.SignIn;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

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
    private ExpiringSoonSummary? expiring;

    private string Lead => identity is null ? ""
        : state.AllOfTenant ? $"Every API token of {identity.TenantName}. Tokens carry at most the privileges of their owner."
        : "Your API tokens. A token carries at most your privileges; its secret is shown once, when it is created or rolled.";

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
        var limits = await Tokens.LimitsForAsync(identity.UserId);
        var owners = identity.IsFullAdmin ? await Users.ListAsync(identity.UserId) : Result<IReadOnlyList<UserView>>.Ok([]);
        var soon = await Tokens.ExpiringSoonAsync(identity.UserId);
        expiring = soon.Succeeded ? soon.Value : null;
        if (!held.Succeeded || !owners.Succeeded || !limits.Succeeded)
        {
            failure = (held.Error ?? owners.Error ?? limits.Error)!.Message;
            await script.DisposeAsync();
        }
        else
        {
            context = new TokenPageContext(identity, new BrowserTime(await BrowserZone.GetAsync()), script, [.. Catalog.All.Where(s => held.Value.Contains(s.Name))],
                owners.Value, Options.Value.UsageActiveWindow, ApiExample.For(Navigation.BaseUri), limits.Value);
        }

        StateHasChanged();
    }

    private Task ShowExpiringAsync() => FilterAsync(state.ClearFilters() with { Status = StatusFilter.ExpiringSoon, AllOfTenant = false });

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

    private async Task CalendarFeedAsync() => await TokenDialogs.CalendarFeedAsync(Dialogs, context!);

    // The form hands over what it saved through a callback rather than as the dialog's result, so that a token
    // created while the dialog was being closed is still revealed.
    private async Task CheckSecretAsync() =>
        await TokenDialogs.CheckSecretAsync(Dialogs, context!, EventCallback.Factory.Create<TokenView>(this, ReloadAfterCheckAsync));

    private async Task ReloadAfterCheckAsync(TokenView revoked) => await grid!.RefreshAsync();

    private async Task CreateAsync() =>
        await TokenDialogs.CreateAsync(Dialogs, context!, EventCallback.Factory.Create<CreatedToken>(this, CreatedAsync));

    private async Task CreatedAsync(CreatedToken created)
    {
        var secret = new OneTimeSecret(created, rolled: false);
        await SecretRevealOrder.RunAsync(secret, ShowRevealAsync, grid!.RefreshAsync, RefreshFailed);
        Notify(Severity.Success, $"Created '{secret.Token.Name}'.");

        // Keyboard users continue where they started: the reveal closed, the form it replaced is gone.
        await context!.Script.FocusLaterAsync("create-token");
    }

    private async Task EditAsync(TokenView token) =>
        await TokenDialogs.EditAsync(Dialogs, context!, token, EventCallback.Factory.Create<TokenView>(this, saved => SavedAsync(token, saved)));

    private async Task SavedAsync(TokenView before, TokenView saved)
    {
        Notify(Severity.Success, saved.Version == before.Version ? $"No changes to '{saved.Name}'." : $"Saved '{saved.Name}'.");
        await grid!.RefreshAsync();
    }

    private async Task ActAsync((TokenAction Action, TokenView Token) request)
    {
        var (action, token) = request;
        var texts = TokenActionTexts.For(action, token);
        var actor = context!.Identity.UserId;
        var grace = TimeSpan.Zero;
        if (action == TokenAction.Roll)
        {
            // The grace periods come from the token service (the tenant's policy bounds them).
            var choices = await Tokens.GraceChoicesAsync(actor);
            if (!choices.Succeeded)
            {
                Notify(Severity.Error, texts.Failed, choices.Error.Message);
                return;
            }

            if (await TokenDialogs.ConfirmRollAsync(Dialogs, texts, choices.Value) is not { } chosen)
            {
                return;
            }

            grace = chosen;
        }
        else if (!await TokenDialogs.ConfirmAsync(Dialogs, texts))
        {
            return;
        }

        OneTimeSecret? secret = null;
        var error = action switch
        {
            TokenAction.Revoke => (await Tokens.RevokeAsync(actor, token.Id)).Error,
            TokenAction.Restore => (await Tokens.RestoreAsync(actor, token.Id)).Error,
            TokenAction.Delete => (await Tokens.DeleteAsync(actor, token.Id)).Error,
            TokenAction.Roll => await RollAsync(actor, token, grace, s => secret = s),
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
        Notify(error is null ? Severity.Success : Severity.Error, error is null ? texts.Done : texts.Failed, error?.Message);
    }

    private async Task<TokenError?> RollAsync(Guid actor, TokenView token, TimeSpan grace, Action<OneTimeSecret> reveal)
    {
        var rolled = await Tokens.RollAsync(actor, token.Id, grace);
        if (rolled.Succeeded)
        {
            reveal(new OneTimeSecret(rolled.Value, rolled: true));
        }

        return rolled.Error;
    }

    /// <summary>Opens the dialog that shows the secret once; returns the task that ends when it closes (see <see cref="SecretRevealOrder"/>).</summary>
    private async Task<Task> ShowRevealAsync(OneTimeSecret secret)
    {
        await context!.Script.SettleAsync();
        return await TokenDialogs.RevealAsync(Dialogs, context, secret);
    }

    private void RefreshFailed(Exception exception)
    {
        Logger.LogWarning(exception, "The token list could not be refreshed after a secret was revealed.");
        Notify(Severity.Error, "The token list could not be refreshed. Reload the page to see it.");
    }

    private void Notify(Severity severity, string summary, string? detail = null) =>
        Snackbar.Add(detail is null ? summary : $"{summary}: {detail}", severity, options => options.VisibleStateDuration = 6000);

    public async ValueTask DisposeAsync()
    {
        if (context is not null)
        {
            await context.Script.DisposeAsync();
        }
    }
}
