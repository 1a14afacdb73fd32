using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;
using Microsoft.AspNetCore.Components;
using Radzen;

namespace AdminPortal.Components.Pages.Tokens;

public sealed partial class TokenFormDialog
{
    private static readonly HashSet<string> FormFields = new(StringComparer.Ordinal) { "Name", "Description", "Scopes", "Id", "ValidFrom", "ValidTo" };

    private readonly HashSet<string> touched = new(StringComparer.Ordinal);
    private TokenForm form = null!;
    private IReadOnlyList<TokenError> problems = [];
    private bool saving;

    [Parameter, EditorRequired]
    public TokenPageContext Context { get; set; } = null!;

    /// <summary>The token to edit; null to create one.</summary>
    [Parameter]
    public TokenView? Token { get; set; }

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
                Finish(saved.Succeeded ? saved.Value : null, saved.Error);
            }
            else
            {
                var created = await Tokens.CreateAsync(actor, form.ToDraft());
                Finish(created.Succeeded ? created.Value : null, created.Error);
            }
        }
        finally
        {
            saving = false;
        }
    }

    private void Finish(object? value, TokenError? error)
    {
        if (error is null)
        {
            Dialogs.Close(value);
        }
        else
        {
            form.ServerError = error;
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
}
