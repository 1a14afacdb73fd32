using AdminPortal.Browser.Tests.Components.Layout;

namespace AdminPortal.Browser.Tests.Components.Pages.Audit;

/// <summary>The audit page as a person sees it: its filters, its rows and what they say.</summary>
internal sealed class AuditLogPage(IPage page)
{
    public ILocator Rows => page.Locator(".audit-table tbody tr:has(time)");

    /// <summary>The rows of management actions: every test's sign-in adds a "Signed in" row, so sign-in events are left out.</summary>
    public ILocator ManagementRows => Rows.Filter(new() { HasNotTextRegex = new System.Text.RegularExpressions.Regex("Signed in|Signed out|Sign-in refused") });

    public ILocator TokenGuid => page.GetByLabel("Token GUID");

    /// <summary>The actor picker's shown value (a MudBlazor select: a read-only input in the filter bar).</summary>
    public ILocator Actor => page.Locator(".audit-filter-actor input");

    public ILocator From => page.GetByLabel("From", new() { Exact = true });

    public ILocator To => page.GetByLabel("To", new() { Exact = true });

    public ILocator Count => page.Locator(".audit-count > span").First;

    /// <summary>Opens /audit (with <paramref name="query"/>) and waits until the live log has loaded.</summary>
    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync("/audit" + query);
        await WaitUntilLoadedAsync();
    }

    /// <summary>Waits for the circuit (the filters are disabled until it runs) and the first query.</summary>
    public async Task WaitUntilLoadedAsync()
    {
        await Assertions.Expect(TokenGuid).ToBeEnabledAsync(new() { Timeout = Circuit.StartTimeoutMs });
        await Assertions.Expect(Count).Not.ToHaveTextAsync("Loading audit entries…", new() { Timeout = Circuit.StartTimeoutMs });
    }

    /// <summary>The token GUID of the first row whose description contains <paramref name="summary"/>.</summary>
    public Task<string> TokenOfAsync(string summary) =>
        Rows.Filter(new() { HasText = summary }).First.Locator("td").Nth(3).InnerTextAsync();

    /// <summary>Types a filter value as a person would, and confirms it with Enter or Tab.</summary>
    public static async Task TypeAsync(ILocator field, string text, string confirmKey = "Enter")
    {
        await field.FillAsync(text);
        await field.PressAsync(confirmKey);
    }
}
