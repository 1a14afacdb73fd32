using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokenFormDialog : IDisposable
{
    private static readonly HashSet<string> FormFields = new(StringComparer.Ordinal) { "Name", "Description", "Scopes", "Id", "ValidFrom", "ValidTo" };

    private readonly HashSet<string> touched = new(StringComparer.Ordinal);
    private TokenForm form = null!;
    private IReadOnlyList<TokenError> problems = [];
    private bool saving;
    private bool closed;

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

    /// <summary>The scopes the form offers: those the user holds, and on edit those the token already has.</summary>
    private IReadOnlyList<ScopeDefinition> ScopeChoices =>
        [.. Catalog.All.Where(s => Context.HeldScopeNames.Contains(s.Name) || (form.Original?.Scopes.Contains(s.Name) ?? false))];

    private string SaveHint => problems.Count == 0 ? "" : problems.Count == 1 ? "1 thing to fix before saving" : $"{problems.Count} things to fix before saving";

    protected override void OnInitialized()
    {
        form = Token is null ? TokenForm.ForCreate(Context.Time) : TokenForm.ForEdit(Token, Context.Time);
        Validate();
    }

    private TokenError? Problem(string field) =>
        form.ServerError is { } error && FieldOf(error) == field ? error : problems.FirstOrDefault(p => p.Field == field);

    private bool IsTouched(string field) => touched.Contains(field) || form.ServerError is not null;

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
        problems = form.Problems(Catalog, Context.HeldScopeNames, Clock.GetUtcNow(), Options.Value.ClockSkew);

    private void DisablePastDays(DateRenderEventArgs args) =>
        args.Disabled = args.Date.Date < form.FirstSelectableDay(Clock.GetUtcNow());

    private static Dictionary<string, object> Describe(string problemId, string label) =>
        new() { ["aria-describedby"] = problemId, ["aria-label"] = label };

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
            Dialogs.Close();
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
