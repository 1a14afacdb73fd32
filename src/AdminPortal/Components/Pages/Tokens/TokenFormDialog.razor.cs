using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokenFormDialog : IDisposable
{
    private static readonly HashSet<string> FormFields = new(StringComparer.Ordinal) { "Name", "Description", "Scopes", "Id", "ValidFrom", "ValidTo", "AllowedAddresses", "RateLimitPerMinute" };

    private readonly HashSet<string> touched = new(StringComparer.Ordinal);
    private TokenForm form = null!;
    private IReadOnlyList<TokenError> problems = [];
    private bool saving;
    private bool closed;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = null!;

    [Parameter, EditorRequired]
    public TokenPageContext Context { get; set; } = null!;

    /// <summary>The token to edit; null to create one.</summary>
    [Parameter]
    public TokenView? Token { get; set; }

    /// <summary>Receives the created token and its secret (even if the dialog was closed while it was being saved).</summary>
    [Parameter]
    public EventCallback<CreatedToken> Created { get; set; }

    /// <summary>Receives the edited token.</summary>
    [Parameter]
    public EventCallback<TokenView> Saved { get; set; }

    /// <summary>The scopes the form offers: those the user may put in tokens under the policy, and on edit those the token already has.</summary>
    private IReadOnlyList<ScopeDefinition> ScopeChoices =>
        [.. Catalog.All.Where(s => Context.GrantableScopeNames.Contains(s.Name) || (form.Original?.Scopes.Contains(s.Name) ?? false))];

    /// <summary>The last day the valid-to calendar offers under the policy's maximum lifetime; null: no limit.</summary>
    private DateTime? LastDay => Context.Limits?.LatestValidTo(Clock.GetUtcNow()) is { } latest ? Context.Time.ToLocal(latest).Date : null;

    /// <summary>"Policy: at most 90 days (until 2027-02-27 10:00)" under the valid-to field; null without a lifetime rule.</summary>
    private string? LifetimeHint => Context.Limits is { LifetimeHint: { } hint } limits
        ? limits.LatestValidTo(Clock.GetUtcNow()) is { } latest ? $"{hint} (until {Context.Time.ToLocal(latest):yyyy-MM-dd HH:mm})." : hint + "."
        : null;

    private string SaveHint => problems.Count == 0 ? "" : problems.Count == 1 ? "1 thing to fix before saving" : $"{problems.Count} things to fix before saving";

    protected override void OnInitialized()
    {
        form = Token is null ? TokenForm.ForCreate(Context.Time) : TokenForm.ForEdit(Token, Context.Time);
        Validate();
    }

    private TokenError? Problem(string field) =>
        form.ServerError is { } error && FieldOf(error) == field ? error : problems.FirstOrDefault(p => p.Field == field);

    private bool IsTouched(string field) => touched.Contains(field) || form.ServerError is not null;

    /// <summary>Whether the field is drawn in the error colour: it has a problem the person has seen by touching it.</summary>
    private bool ShowsError(string field) => Problem(field) is not null && IsTouched(field);

    /// <summary>Now as a wall-clock time in the browser's zone: the date pickers offer no earlier day.</summary>
    private DateTime LocalNow => Context.Time.ToLocal(Clock.GetUtcNow());

    private DateTime FirstDay => form.FirstSelectableDay(Clock.GetUtcNow());

    private static string? FieldOf(TokenError error) => error.Field is { } field && FormFields.Contains(field) ? field : null;

    private void Touch(string field)
    {
        touched.Add(field);
        form.ServerError = null;
        Validate();
    }

    private void ScopesChanged(IEnumerable<string> scopes)
    {
        form.Scopes = scopes;
        Touch("Scopes");
    }

    private void Regenerate()
    {
        form.RegenerateId();
        Validate();
    }

    private void Validate() =>
        problems = form.Problems(Catalog, Context.GrantableScopeNames, Clock.GetUtcNow(), Options.Value.ClockSkew, Context.Limits);

    private void ValidFromChanged(DateTime? value)
    {
        form.ValidFrom = value;
        Touch("ValidFrom");
    }

    private void ValidToChanged(DateTime? value)
    {
        form.ValidTo = value;
        Touch("ValidTo");
    }

    private async Task SaveOnEnterAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            await SaveAsync();
        }
    }

    private void Cancel()
    {
        closed = true;
        Dialog.Cancel();
    }

    private async Task SaveAsync()
    {
        Validate();
        if (problems.Count > 0 || saving)
        {
            return;
        }

        saving = true;
        try
        {
            var actor = Context.Identity.UserId;
            if (form.Original is { } original)
            {
                var saved = await Tokens.EditAsync(actor, original.Id, original.Version, form.ToDraft());
                if (!saved.Succeeded)
                {
                    form.ServerError = saved.Error;
                    return;
                }

                Close();
                await Saved.InvokeAsync(saved.Value);
            }
            else
            {
                var created = await Tokens.CreateAsync(actor, form.ToDraft());
                if (!created.Succeeded)
                {
                    form.ServerError = created.Error;
                    return;
                }

                Close();
                await Created.InvokeAsync(created.Value);
            }
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Closes this dialog after a save, unless the user closed it meanwhile (then another dialog may be the last one).</summary>
    private void Close()
    {
        if (!closed)
        {
            closed = true;
            Dialog.Close(DialogResult.Ok(true));
        }
    }

    /// <summary>After a conflict: shows the token as the other person left it, dropping this form's changes.</summary>
    private async Task ReloadAsync()
    {
        var current = await Tokens.GetAsync(Context.Identity.UserId, form.Original!.Id);
        if (current.Succeeded)
        {
            form.Load(current.Value);
            touched.Clear();
            Validate();
        }
        else
        {
            form.ServerError = new TokenError(current.Error.Code, "This token no longer exists: someone deleted it. Close this dialog.");
        }
    }

    public void Dispose() => closed = true;
}
