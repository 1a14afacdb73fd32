using AdminPortal.SignIn;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminPortal.Components.Pages.Policy;

/// <summary>
/// Edits the tenant's token policy (full admins; the service refuses anyone else) and shows the existing tokens that
/// break it, with bulk actions. Every rule comes from the token service: its live problems of the settings, its refusal
/// of a stale save, its violation list.
/// </summary>
public sealed partial class PolicyEditor
{
    private const int ViolationPageSize = 10;

    private PortalIdentity? identity;
    private TenantPolicyView? view;
    private PolicyForm? form;
    private IReadOnlyList<TokenError> problems = [];
    private TokenError? saveError;
    private PolicyViolations? violations;
    private string? failure;
    private bool previewing;
    private bool dirty;
    private bool busy;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    private bool ReadOnly => view?.CanChange != true || busy;

    private string Status => problems.Count switch
    {
        0 when dirty => "Unsaved changes.",
        0 => view?.ChangedAt is { } at ? $"Version {view.Version}, changed {LocalTimeText(at)}." : "The defaults: nobody changed the policy yet.",
        1 => "1 setting to fix before saving.",
        _ => $"{problems.Count} settings to fix before saving.",
    };

    protected override async Task OnInitializedAsync()
    {
        identity = PortalIdentity.From((await Authentication!).User);
        if (identity is null)
        {
            failure = "Your session is not valid. Sign out and sign in again.";
            return;
        }

        await ReloadAsync();
    }

    private static string LocalTimeText(DateTimeOffset at) => Shared.LocalTime.FormatUtc(at);

    private string? ProblemOf(string field) =>
        saveError is { Field: { } f } error && f == field ? error.Message : problems.FirstOrDefault(p => p.Field == field)?.Message;

    private void Change(Action set)
    {
        set();
        dirty = true;
        saveError = null;
        if (previewing)
        {
            // The preview showed the settings as they were; a changed setting makes it stale.
            previewing = false;
            violations = null;
            _ = LoadViolationsAsync(1);
        }

        problems = Tokens.PolicyProblems(form!.ToSettings());
    }

    private async Task ReloadAsync()
    {
        var read = await Tokens.GetPolicyAsync(identity!.UserId);
        if (!read.Succeeded)
        {
            failure = read.Error.Message;
            await Session.EnsureActiveAsync(force: true);
            return;
        }

        view = read.Value;
        form = new PolicyForm(view);
        problems = [];
        saveError = null;
        dirty = false;
        previewing = false;
        await LoadViolationsAsync(1);
    }

    private async Task LoadViolationsAsync(int page)
    {
        if (view?.CanChange != true)
        {
            return;
        }

        var listed = await Tokens.PolicyViolationsAsync(identity!.UserId, previewing ? form!.ToSettings() : null, page, ViolationPageSize);
        violations = listed.Succeeded ? listed.Value : null;
        if (!listed.Succeeded)
        {
            saveError = listed.Error;
        }

        StateHasChanged();
    }

    private Task PageAsync(int page) => LoadViolationsAsync(page);

    private async Task PreviewAsync()
    {
        previewing = dirty;
        await LoadViolationsAsync(1);
    }

    private async Task SaveAsync()
    {
        problems = Tokens.PolicyProblems(form!.ToSettings());
        if (problems.Count > 0 || busy)
        {
            return;
        }

        busy = true;
        try
        {
            var saved = await Tokens.ChangePolicyAsync(identity!.UserId, form.ToSettings(), view!.Version);
            if (!saved.Succeeded)
            {
                saveError = saved.Error;
                await Session.EnsureActiveAsync(force: true);
                return;
            }

            view = saved.Value;
            form = new PolicyForm(view);
            dirty = false;
            previewing = false;
            Snackbar.Add("Saved the token policy.", Severity.Success);
        }
        finally
        {
            busy = false;
        }

        await LoadViolationsAsync(1);
    }

    private Task ShortenAsync() => BulkAsync(
        "Shorten tokens",
        $"Give each of the {violations?.TooLong} tokens that end too late (or never) an end {view?.Settings.MaxLifetimeDays} days from now? Each change is audited on its own.",
        "Shorten",
        () => Tokens.ShortenToPolicyAsync(identity!.UserId, view!.Version),
        done => $"Shortened {done} {(done == 1 ? "token" : "tokens")} to the maximum lifetime.");

    private Task RevokeAsync() => BulkAsync(
        "Revoke tokens",
        $"Revoke the {violations?.Total} tokens that break the policy? They stop working at once; each revoke is audited on its own.",
        "Revoke",
        () => Tokens.RevokeViolationsAsync(identity!.UserId, view!.Version),
        done => $"Revoked {done} {(done == 1 ? "token" : "tokens")} that broke the policy.");

    private async Task BulkAsync(string title, string question, string yes, Func<Task<Result<BulkOutcome>>> act, Func<int, string> done)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(title, question, yesText: yes, cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            var outcome = await act();
            if (outcome.Succeeded)
            {
                var text = done(outcome.Value.Changed) + (outcome.Value.Skipped > 0 ? $" {outcome.Value.Skipped} could not be changed; revoke them instead." : "");
                Snackbar.Add(text, Severity.Success);
            }
            else
            {
                saveError = outcome.Error;
                await Session.EnsureActiveAsync(force: true);
            }
        }
        finally
        {
            busy = false;
        }

        await LoadViolationsAsync(1);
    }
}
