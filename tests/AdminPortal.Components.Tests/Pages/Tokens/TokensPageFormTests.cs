using AdminPortal.Components.Pages.Tokens;
using AngleSharp.Dom;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>What the page does around its create and edit dialogs: the scopes it offers, the one-time reveal, the refresh and the notification.</summary>
public sealed class TokensPageFormTests : TokensPageTest
{
    [Fact]
    public async Task Creating_a_token_reveals_its_secret_once_then_lists_it_and_reports_it()
    {
        var (_, user, _) = await DemoAsync();
        var cut = Open(user);

        Button(cut.Find(".tokens-header"), "Create token")!.Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#token-name")));
        cut.Find("#token-name").Input("Nightly export");
        cut.Find("#scope-alerts-read").Change(true);
        cut.WaitForAssertion(() => Assert.False(Button(Dialog(cut), "Save")!.HasAttribute("disabled")));
        Button(Dialog(cut), "Save")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Token 'Nightly export' created", Dialog(cut).TextContent, StringComparison.Ordinal));
        var secret = cut.Find("#" + Dialog(cut).QuerySelectorAll("label").First(l => l.TextContent.Trim() == "Secret").GetAttribute("for")).GetAttribute("value")!;
        Assert.Matches("^adp_[0-9A-Za-z]{36}$", secret);
        Button(Dialog(cut), "Done")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Created 'Nightly export'.", Notices(cut), StringComparison.Ordinal));
        ExpectNames(cut, "Nightly export", "Laptop script", "Alert webhook");
        Assert.Equal("3 matching tokens", Count(cut));
        cut.WaitForAssertion(() => Assert.DoesNotContain(secret, cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Editing_a_token_saves_the_change_reports_it_and_shows_it_in_the_grid()
    {
        var (_, user, _) = await DemoAsync();
        var cut = Open(user);

        Button(Row(cut, "Alert webhook"), "Edit Alert webhook")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("Alert webhook", cut.Find("#token-name").GetAttribute("value")));
        Assert.Contains("Edit 'Alert webhook'", Dialog(cut).TextContent, StringComparison.Ordinal);
        cut.Find("#token-name").Input("Alert webhook (on-call)");
        cut.WaitForAssertion(() => Assert.False(Button(Dialog(cut), "Save")!.HasAttribute("disabled")));
        Button(Dialog(cut), "Save")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("Saved 'Alert webhook (on-call)'.", Notices(cut), StringComparison.Ordinal));
        ExpectNames(cut, "Laptop script", "Alert webhook (on-call)");
    }

    [Fact]
    public async Task Saving_an_unchanged_token_says_there_was_nothing_to_change()
    {
        var (_, user, _) = await DemoAsync();
        var cut = Open(user);

        Button(Row(cut, "Laptop script"), "Edit Laptop script")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("Laptop script", cut.Find("#token-name").GetAttribute("value")));
        Button(Dialog(cut), "Save")!.Click();

        cut.WaitForAssertion(() => Assert.Contains("No changes to 'Laptop script'.", Notices(cut), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_security_reader_is_offered_only_the_read_scopes_they_hold()
    {
        var (_, _, reader) = await DemoAsync();
        var cut = Open(reader);

        Button(cut.Find(".tokens-header"), "Create token")!.Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".scope-check")));
        var scopes = cut.FindAll(".scope-check").Select(c => c.Id).ToArray();
        Assert.Equal(4, scopes.Length);
        Assert.DoesNotContain("scope-tokens-write", scopes);
    }

    private static IElement Dialog(IRenderedComponent<TokensPage> cut) => cut.FindAll(".mud-dialog")[^1];

    private static string Notices(IRenderedComponent<TokensPage> cut) => string.Join("\n", cut.FindAll(".mud-snackbar").Select(s => s.TextContent));
}
