using System.Text.Json;
using AdminPortal.Browser.Tests.Components.Pages.Audit;

namespace AdminPortal.Browser.Tests.Components.Pages.Tokens;

/// <summary>
/// Script and markup typed into a token's name and description are data: the grid, the dialogs, the audit log and the API
/// show them as text, and a page that would run them records it in window.xss (or opens a dialog), which these tests watch.
/// </summary>
public sealed class TokenHostileInputTests(RunningPortal portal, Chromium chromium) : IClassFixture<RunningPortal>
{
    private const string Record = "(window.xss=window.xss||[]).push";

    private const string Name = "<img src=x onerror=\"" + Record + "('name')\">";

    private const string Description = "<script>" + Record + "('script')</script><svg onload=\"" + Record + "('svg')\"></svg>"
        + "<a href=\"javascript:" + Record + "('link')\">click</a>'; DROP TABLE Tokens; --";

    [Fact]
    public async Task Markup_in_a_name_and_description_is_shown_as_text_in_the_grid_dialogs_audit_log_and_api_and_never_runs()
    {
        await using var tokens = await TokensPageDriver.OpenAsync(chromium, portal, DevelopmentSignIn.Admin);
        var page = tokens.Page;
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };

        await tokens.OpenCreateAsync();
        await tokens.FillFormAsync(Name, ["tokens:read"], Description);
        await tokens.SaveAsync();
        await Assertions.Expect(tokens.Dialog).ToHaveAccessibleNameAsync($"Token '{Name}' created");
        var secret = await tokens.ReadSecretAndCloseAsync();

        // The grid: the name is the row's literal text; nothing was added to the page's markup.
        await Assertions.Expect(tokens.Row(Name)).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator(".rz-data-grid img, .rz-data-grid svg[onload], .rz-data-grid script").CountAsync());

        // The edit dialog shows both fields as typed; the links in the page are not the payload's.
        await tokens.ClickRowActionAsync(Name, "Edit");
        await Assertions.Expect(tokens.Dialog.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync(Name);
        await Assertions.Expect(tokens.Dialog.GetByLabel("Description")).ToHaveValueAsync(Description);
        Assert.Equal(0, await page.Locator("a[href^='javascript:']").CountAsync());
        await tokens.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // A reload renders the grid on the server (prerendering) and again in the circuit.
        await page.ReloadAsync();
        await tokens.WaitForListAsync();
        await Assertions.Expect(tokens.Row(Name)).ToHaveCountAsync(1);

        // The audit log names the token as text.
        var audit = new AuditLogPage(page);
        await audit.OpenAsync();
        await Assertions.Expect(audit.Rows.Filter(new() { HasText = Name })).Not.ToHaveCountAsync(0);

        // The API answers JSON (not HTML) with the same text.
        var api = await page.Context.APIRequest.GetAsync("/api/v1/me", new() { Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {secret}" } });
        Assert.StartsWith("application/json", api.Headers["content-type"], StringComparison.Ordinal);
        using var me = JsonDocument.Parse(await api.TextAsync());
        Assert.Equal(Name, me.RootElement.GetProperty("name").GetString());

        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.xss"));
        Assert.Empty(dialogs);
    }
}
