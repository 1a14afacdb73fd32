using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Components.Tests.Pages.Tokens;

/// <summary>
/// The tokens page rendered as on the circuit, over the real token service: a tenant with an admin, a user and a reader,
/// and helpers to read what the page shows (names in order, the count, the address it writes) and to use its filters.
/// </summary>
public abstract class TokensPageTest : PortalComponentTest
{
    /// <summary>The page's JS module: the address it writes is seen in its "showQuery" calls.</summary>
    protected BunitJSModuleInterop Script { get; }

    protected TokensPageTest()
    {
        Script = JSInterop.SetupModule("./Components/Pages/Tokens/TokensPage.razor.js");
        Script.Mode = JSRuntimeMode.Loose;
        Script.Setup<bool>("copyText", _ => true).SetResult(true);
        var time = JSInterop.SetupModule("./js/browser-time.js");
        time.Setup<string?>("timeZone").SetResult("Europe/Berlin");
    }

    /// <summary>Renders /tokens<paramref name="query"/> for <paramref name="user"/> and waits for its first page.</summary>
    protected IRenderedComponent<TokensPage> Open(PortalUser user, string query = "")
    {
        SignIn(user);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/tokens" + query);
        var cut = Render<TokensPage>();
        cut.WaitForAssertion(() => Assert.Matches(@"^[\d,]+\+? matching tokens?", Count(cut)));
        return cut;
    }

    protected static string Count(IRenderedComponent<TokensPage> cut) => cut.Find(".token-grid-count").TextContent.Trim();

    /// <summary>The names in the grid, in order.</summary>
    protected static string[] Names(IRenderedComponent<TokensPage> cut) =>
        [.. cut.FindAll(".token-grid-table tbody tr .token-name").Select(n => n.TextContent.Trim())];

    protected static void ExpectNames(IRenderedComponent<TokensPage> cut, params string[] names) =>
        cut.WaitForAssertion(() => Assert.Equal(names, Names(cut)));

    /// <summary>The row of the token named <paramref name="name"/>.</summary>
    protected static IElement Row(IRenderedComponent<TokensPage> cut, string name) =>
        cut.FindAll(".token-grid-table tbody tr").Single(r => r.QuerySelector(".token-name")?.TextContent.Trim() == name);

    /// <summary>The last address the page showed (the query string, "" for the default view).</summary>
    protected string Address => Script.Invocations.Where(i => i.Identifier == "showQuery").Select(i => (string)i.Arguments[0]!).LastOrDefault() ?? "";

    /// <summary>Opens the filter drop-down labelled <paramref name="label"/> and clicks the option that says <paramref name="option"/>.</summary>
    protected static void Choose(IRenderedComponent<TokensPage> cut, string label, string option)
    {
        OpenSelect(cut, label);
        cut.WaitForAssertion(() => Assert.NotEmpty(Options(cut, option)));
        Options(cut, option)[0].Click();
    }

    /// <summary>Opens the filter drop-down labelled <paramref name="label"/>.</summary>
    protected static void OpenSelect(IRenderedComponent<TokensPage> cut, string label) =>
        cut.FindAll(".token-filters div.mud-input-control.mud-select").Single(s => s.QuerySelector("label")?.TextContent.Trim() == label).MouseDown();

    /// <summary>The value a filter drop-down shows.</summary>
    protected static string Shown(IRenderedComponent<TokensPage> cut, string label) =>
        cut.Find($"input[aria-label='{label}']").GetAttribute("value") ?? "";

    /// <summary>
    /// Types into a search box and lets the typing pause pass (on the test's clock) until the search is in the address: the
    /// pause starts once the text box has handed the text over, which may be after the input event returned.
    /// </summary>
    protected void Search(IRenderedComponent<TokensPage> cut, string label, string text)
    {
        cut.Find(label == "Search by name" ? "#filter-name" : "#filter-guid").Input(text);
        var searched = Uri.EscapeDataString(text.Trim());
        cut.WaitForState(() =>
        {
            Clock.Advance(TimeSpan.FromMilliseconds(300));
            return Address.Contains(searched, StringComparison.Ordinal);
        });
    }

    /// <summary>Clicks the header of the column titled <paramref name="title"/> (to sort by it).</summary>
    protected static void ClickHeader(IRenderedComponent<TokensPage> cut, string title) => Header(cut, title)!.QuerySelector(".sortable-column-header")!.Click();

    /// <summary>The header of the column titled <paramref name="title"/>; null when the grid has no such column.</summary>
    protected static IElement? Header(IRenderedComponent<TokensPage> cut, string title) =>
        cut.FindAll(".token-grid-table thead th").SingleOrDefault(th => th.TextContent.Trim() == title);

    /// <summary>The button whose accessible name (aria-label or text) is <paramref name="name"/>, inside <paramref name="scope"/>.</summary>
    protected static IElement? Button(IElement scope, string name) =>
        scope.QuerySelectorAll("button").SingleOrDefault(b => (b.GetAttribute("aria-label") ?? b.TextContent).Trim() == name);

    protected static IElement? Button(IRenderedComponent<TokensPage> cut, string name) =>
        cut.FindAll("button").FirstOrDefault(b => (b.GetAttribute("aria-label") ?? b.TextContent).Trim() == name);

    private static IElement[] Options(IRenderedComponent<TokensPage> cut, string option) =>
        [.. cut.FindAll(".mud-popover-open .mud-list-item").Where(i => (i.QuerySelector(".choice-item > span")?.TextContent ?? i.TextContent).Trim() == option)];

    /// <summary>Ada (full admin), Uma (user) and Sam (security reader) of tenant A, and Gil, the admin of tenant B; tokens as in the demo.</summary>
    protected async Task<(PortalUser Admin, PortalUser User, PortalUser Reader)> DemoAsync()
    {
        var admin = await UserAsync(Role.FullAdmin, name: "Ada Admin");
        var user = await UserAsync(Role.User, name: "Uma User");
        var reader = await UserAsync(Role.SecurityReader, name: "Sam Reader");
        var other = OtherTenantAdmin = await UserAsync(Role.FullAdmin, tenant: "tenant-b", name: "Gil Admin");

        await CreateAsync(admin, "Terraform CI", "tokens:read", "tokens:write");
        Tick();
        var siem = await CreateAsync(admin, "SIEM export", "audit:read");
        Tick();
        var quarterly = await Tokens.CreateAsync(admin.Id, new TokenDraft
        {
            Name = "Quarterly access review", Scopes = ["audit:read"], ValidFrom = Clock.GetUtcNow().AddDays(90),
        });
        Assert.True(quarterly.Succeeded);
        Tick();
        var old = await CreateAsync(admin, "Old deploy key", "tokens:write");
        Assert.True((await Tokens.RevokeAsync(admin.Id, old.Token.Id)).Succeeded);
        Tick();
        await CreateAsync(user, "Alert webhook", "alerts:read", "alerts:write");
        Tick();
        await CreateAsync(user, "Laptop script", "tokens:read");
        Tick();
        await CreateAsync(reader, "Audit dashboard", "audit:read");
        await CreateAsync(other, "Globex ingest", "tokens:read");

        // SIEM export was used, but not lately.
        var usage = Services.GetRequiredService<UsageRecorder>();
        usage.Record(siem.Token.Id, Clock.GetUtcNow().AddDays(-1), "10.0.0.9");
        await usage.FlushAsync(Xunit.TestContext.Current.CancellationToken);
        Clock.Advance(TimeSpan.FromDays(30));
        return (admin, user, reader);
    }

    /// <summary>Gil, the admin of tenant B, once <see cref="DemoAsync"/> made the demo.</summary>
    protected PortalUser? OtherTenantAdmin { get; private set; }

    private void Tick() => Clock.Advance(TimeSpan.FromMinutes(1));
}
