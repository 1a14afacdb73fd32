using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;

namespace AdminPortal.Tests.Components.Pages.Tokens;

/// <summary>The markup of the token dialogs' small components, rendered with HtmlRenderer (the page's own are covered by bUnit).</summary>
public sealed class TokenMarkupTests
{
    [Fact]
    public async Task The_scope_picker_names_each_checkbox_by_its_scope_and_marks_write_scopes()
    {
        var catalog = new ScopeCatalog(new TokenOptions());
        var html = await Markup.RenderAsync<TokenScopePicker>(new()
        {
            ["Scopes"] = catalog.All, ["Selected"] = new[] { "tokens:write" }, ["DescribedBy"] = "problem",
        });

        Assert.Matches("<legend[^>]*>Scopes</legend>", html);
        Assert.Matches("<label for=\"scope-tokens-write\"[^>]*>tokens:write</label>", html);
        Assert.Matches("id=\"scope-tokens-write\"[^>]*checked", html);
        Assert.DoesNotMatch("id=\"scope-tokens-read\"[^>]*checked", html);
        Assert.Equal(2, html.Split("can change data").Length - 1);
    }

    [Fact]
    public async Task A_field_problem_is_a_quiet_hint_until_the_field_is_touched()
    {
        var problem = new TokenError(TokenErrorCode.Invalid, "Name is required.", "Name");

        var hint = await Markup.RenderAsync<FieldProblem>(new() { ["Id"] = "p", ["Problem"] = problem, ["Touched"] = false });
        var error = await Markup.RenderAsync<FieldProblem>(new() { ["Id"] = "p", ["Problem"] = problem, ["Touched"] = true });

        Assert.Contains("is-hint", hint, StringComparison.Ordinal);
        Assert.Contains("is-error", error, StringComparison.Ordinal);
        Assert.Contains("Name is required.", error, StringComparison.Ordinal);
    }
}
