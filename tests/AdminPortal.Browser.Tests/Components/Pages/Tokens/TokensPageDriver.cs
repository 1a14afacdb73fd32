using System.Text.RegularExpressions;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>
/// Intent methods for the API tokens page, in the words a person would use ("create a token", "revoke it"),
/// so that the tests read as behaviour. Every method waits for the page to settle before it returns.
/// </summary>
internal sealed class TokensPageDriver(IPage page) : IAsyncDisposable
{
    /// <summary>
    /// Keeps the text of every notification that appears in window.notices: a notification lives for seconds,
    /// and on a busy machine it can come and go between two looks at the page.
    /// </summary>
    private const string RecordNotifications = """
        window.notices = [];
        new MutationObserver(changes => {
          for (const change of changes) {
            // A notification's text may arrive after its frame: record the notification around any added node too.
            const nodes = [change.target, ...change.addedNodes];
            for (const node of nodes) {
              const element = node.nodeType === 1 ? node : node.parentElement;
              if (!element) continue;
              const around = element.closest(".mud-snackbar");
              const items = around ? [around] : element.querySelectorAll(".mud-snackbar");
              for (const item of items) window.notices.push(item.textContent);
            }
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
        """;

    public IPage Page => page;

    /// <summary>
    /// The top-most open dialog (MudBlazor renders role="dialog" with the title as its name). Only MudBlazor's modal dialogs:
    /// a date picker's calendar is a popover, not one of them; and for a moment a closing dialog may still be there.
    /// </summary>
    public ILocator Dialog => page.Locator(".mud-dialog-container [role='dialog']").Last;

    /// <summary>The live count above the grid, e.g. "6 matching tokens".</summary>
    public ILocator Count => page.Locator(".token-grid-count");

    /// <summary>The names in the grid, in order.</summary>
    public ILocator Names => page.Locator(".token-grid-table tbody tr .token-name");

    /// <summary>
    /// Opens a new browser context (in <paramref name="timeZone"/>, the machine's when null), signs in as
    /// <paramref name="user"/> and opens /tokens (with an optional query), optionally
    /// <paramref name="width"/> pixels wide and <paramref name="dark"/>. Notifications are recorded as they appear.
    /// </summary>
    public static async Task<TokensPageDriver> OpenAsync(Chromium chromium, RunningPortal portal, string user, string query = "", string? timeZone = null,
        int? width = null, bool dark = false)
    {
        var context = await chromium.NewContextAsync(portal.BaseAddress, timeZone);
        if (dark)
        {
            await context.AddCookiesAsync([new Cookie { Name = "adminportal.theme", Value = "dark", Url = portal.BaseAddress.ToString() }]);
        }

        var page = await context.NewPageAsync();
        if (width is { } w)
        {
            await page.SetViewportSizeAsync(w, 844);
        }

        await page.AddInitScriptAsync(RecordNotifications);
        await page.SignInAsAsync(user, "/tokens" + query);
        var driver = new TokensPageDriver(page);
        await driver.WaitForListAsync();
        return driver;
    }

    /// <summary>Signs <paramref name="page"/> in as <paramref name="user"/> and opens /tokens; notifications are recorded as they appear.</summary>
    public static async Task<TokensPageDriver> OpenAsync(IPage page, string user)
    {
        await page.AddInitScriptAsync(RecordNotifications);
        await page.SignInAsAsync(user, "/tokens");
        var driver = new TokensPageDriver(page);
        await driver.WaitForListAsync();
        return driver;
    }

    /// <summary>Waits until the list has loaded (the circuit is live and the first page is shown).</summary>
    public Task WaitForListAsync() => Assertions.Expect(Count).ToHaveTextAsync(new Regex(@"^\d+ matching tokens?$"));

    /// <summary>How many tokens match the current view, as the page says.</summary>
    public async Task<int> CountAsync() =>
        int.Parse(Regex.Match(await Count.InnerTextAsync(), @"^\d+").Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The row of the token named <paramref name="name"/>.</summary>
    public ILocator Row(string name) =>
        page.Locator(".token-grid-table tbody tr").Filter(new() { Has = page.Locator(".token-name", new() { HasTextRegex = new Regex($"^{Regex.Escape(name)}$") }) });

    /// <summary>Expects exactly these names in the grid, in this order.</summary>
    public Task ExpectNamesAsync(params string[] names) =>
        names.Length == 0
            ? Assertions.Expect(Count).ToHaveTextAsync("0 matching tokens")
            : Assertions.Expect(Names).ToHaveTextAsync(names);

    /// <summary>The full GUID of a token in the grid.</summary>
    public async Task<string> GuidOfAsync(string name) =>
        await Row(name).Locator("[data-guid]").GetAttributeAsync("data-guid") ?? throw new InvalidOperationException($"No GUID for {name}.");

    /// <summary>Chooses <paramref name="option"/> in the filter drop-down named <paramref name="filter"/> ("Status", "Usage", "Owner").</summary>
    public async Task ChooseAsync(string filter, string option)
    {
        var options = await OpenListAsync(filter);
        await Option(options, option).ClickAsync();
    }

    /// <summary>Ticks scopes in the multi-select scope filter and closes it.</summary>
    public async Task FilterScopesAsync(params string[] scopes)
    {
        var options = await OpenListAsync("Scope");
        foreach (var scope in scopes)
        {
            await Option(options, scope).ClickAsync();
        }

        await page.Keyboard.PressAsync("Escape");
    }

    /// <summary>The option of an open list whose label is <paramref name="label"/> (some options have a hint below their label).</summary>
    private static ILocator Option(ILocator options, string label) =>
        options.Locator(".mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(label)}(\\s|$|[A-Z])") }).First;

    /// <summary>Opens a filter drop-down and returns its list of options (the open popover's list).</summary>
    private async Task<ILocator> OpenListAsync(string filter)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = filter, Exact = true }).ClickAsync();
        var list = page.Locator(".mud-popover-open .mud-list");
        await Assertions.Expect(list).ToBeVisibleAsync();
        return list;
    }

    /// <summary>
    /// Expects the top-most dialog to be named by its title. MudBlazor labels a dialog by its title bar, which holds the
    /// close button too: the name may end in "Close".
    /// </summary>
    public Task ExpectDialogAsync(string title) =>
        Assertions.Expect(Dialog).ToHaveAccessibleNameAsync(new Regex($"^{Regex.Escape(title)}( Close)?$"));

    /// <summary>Opens the create dialog.</summary>
    public async Task OpenCreateAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).First.ClickAsync();
        await ExpectDialogAsync("Create token");

        // The form is ready once it has its GUID and has focused the name: typing earlier can be lost to its first renders.
        await Assertions.Expect(Dialog.GetByLabel("GUID", new() { Exact = true })).Not.ToHaveValueAsync("");
        await Assertions.Expect(Dialog.GetByLabel("Name", new() { Exact = true })).ToBeFocusedAsync();
    }

    /// <summary>Fills the open token form: name and scopes (ticked; already ticked ones stay), description if given.</summary>
    public async Task FillFormAsync(string name, string[] scopes, string? description = null)
    {
        await Dialog.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Assertions.Expect(Dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(name);
        if (description is not null)
        {
            await Dialog.GetByLabel("Description").FillAsync(description);
            await Assertions.Expect(Dialog.GetByLabel("Description")).ToHaveValueAsync(description);
        }

        foreach (var scope in scopes)
        {
            await TickAsync(Dialog.GetByRole(AriaRole.Checkbox, new() { Name = scope, Exact = true }));
        }
    }

    /// <summary>Creates a token through the dialog and returns its secret from the reveal dialog, which it then closes.</summary>
    public async Task<string> CreateAsync(string name, params string[] scopes)
    {
        await OpenCreateAsync();
        await FillFormAsync(name, scopes);
        await SaveAsync();
        return await ReadSecretAndCloseAsync();
    }

    /// <summary>
    /// Ticks a checkbox the server renders. Playwright's CheckAsync gives up when the box is not ticked right after its
    /// click, but a render of the server's that was already on its way may show the old state for a moment; the tick is
    /// then expected to arrive.
    /// </summary>
    public static async Task TickAsync(ILocator checkbox)
    {
        if (!await checkbox.IsCheckedAsync())
        {
            await checkbox.ClickAsync();
        }

        await Assertions.Expect(checkbox).ToBeCheckedAsync();
    }

    public Task SaveAsync() => Dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

    /// <summary>Reads the secret from the reveal dialog and closes it with Done.</summary>
    public async Task<string> ReadSecretAndCloseAsync()
    {
        var secret = await Dialog.GetByLabel("Secret", new() { Exact = true }).InputValueAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Assertions.Expect(Dialog).ToHaveCountAsync(0);
        return secret;
    }

    /// <summary>Clicks a row action ("Edit", "Revoke", "Restore", "Roll secret of", "Delete") of the token named <paramref name="name"/>.</summary>
    public Task ClickRowActionAsync(string name, string action) =>
        Row(name).GetByRole(AriaRole.Button, new() { Name = $"{action} {name}", Exact = true }).ClickAsync();

    /// <summary>A row action button, to check whether it is enabled.</summary>
    public ILocator RowAction(string name, string action) =>
        Row(name).GetByRole(AriaRole.Button, new() { Name = $"{action} {name}", Exact = true });

    /// <summary>Confirms the open confirmation dialog with its button (e.g. "Revoke"), after checking that it names the token.</summary>
    public async Task ConfirmAsync(string button, string tokenName)
    {
        await Assertions.Expect(Dialog).ToContainTextAsync($"'{tokenName}'");
        await Dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(Dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>Calls GET /api/v1/me with <paramref name="secret"/> as the bearer token, as a script using the token would.</summary>
    public Task<IAPIResponse> CallApiAsync(string secret) =>
        page.Context.APIRequest.GetAsync("/api/v1/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {secret}" } });

    /// <summary>Closes the browser context of the page (its cookies and storage go with it).</summary>
    public ValueTask DisposeAsync() => new(page.Context.CloseAsync());

    /// <summary>Expects that a notification containing <paramref name="text"/> has appeared (it may have gone again).</summary>
    public async Task ExpectNotificationAsync(string text)
    {
        try
        {
            await page.WaitForFunctionAsync("text => window.notices.some(n => n.includes(text))", text, new() { Timeout = Patience.ExpectMs });
        }
        catch (TimeoutException)
        {
            var seen = await page.EvaluateAsync<string>(
                "() => JSON.stringify({ notices: window.notices, alerts: [...document.querySelectorAll('[role=alert]')].map(a => a.textContent), dialogs: [...document.querySelectorAll('[role=dialog]')].map(d => d.textContent.slice(0, 200)) })");
            throw new TimeoutException($"No notification with '{text}' appeared. What the page showed: {seen}");
        }
    }
}
