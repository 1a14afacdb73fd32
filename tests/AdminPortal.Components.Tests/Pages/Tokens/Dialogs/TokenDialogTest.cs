using AdminPortal.Components.Pages.Tokens;
using AdminPortal.Components.Shared;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Options;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Components.Tests.Pages.Tokens.Dialogs;

/// <summary>
/// Opens the token page's dialogs as the page does (<see cref="TokenDialogs"/> on MudBlazor's dialog service) inside the
/// providers of an interactive root, for a signed-in person, with the real token service.
/// </summary>
public abstract class TokenDialogTest : PortalComponentTest
{
    protected const string ModulePath = "./Components/Pages/Tokens/TokensPage.razor.js";

    protected TokenDialogTest()
    {
        Module = JSInterop.SetupModule(ModulePath);
        Module.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>The page's JS module, as the dialogs call it (loose: unanswered calls return defaults).</summary>
    protected BunitJSModuleInterop Module { get; }

    /// <summary>The dialog, popover and snackbar providers the page renders once.</summary>
    protected IRenderedComponent<PortalProviders> Host { get; private set; } = null!;

    protected IDialogService Dialogs => Services.GetRequiredService<IDialogService>();

    /// <summary>What the page knows once interactive, for <paramref name="user"/> signed in (times in UTC).</summary>
    protected async Task<TokenPageContext> ContextAsync(PortalUser user)
    {
        var identity = SignIn(user);
        var catalog = Services.GetRequiredService<ScopeCatalog>();
        var held = await Tokens.ScopesHeldByAsync(user.Id);
        Assert.True(held.Succeeded);
        var limits = await Tokens.LimitsForAsync(user.Id);
        Assert.True(limits.Succeeded);
        var script = await TokenPageScript.ImportAsync(JSInterop.JSRuntime);
        Host = Render<PortalProviders>();
        return new TokenPageContext(identity, BrowserTime.Utc, script, [.. catalog.All.Where(s => held.Value.Contains(s.Name))], [],
            TimeSpan.FromDays(30), ApiExample.For("http://portal.test/"), limits.Value);
    }

    /// <summary>The open dialog (MudBlazor's role="dialog" element), once it is there.</summary>
    protected IElement Dialog
    {
        get
        {
            Host.WaitForElement("[role='dialog']");
            return Host.FindAll("[role='dialog']")[^1];
        }
    }

    /// <summary>The dialog's button whose text (or accessible name) is <paramref name="name"/>.</summary>
    protected IElement Button(string name) =>
        Dialog.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == name || b.GetAttribute("aria-label") == name);

    protected void ExpectNoDialog() => Host.WaitForAssertion(() => Assert.Empty(Host.FindAll("[role='dialog']")));

    protected static bool IsDisabled(IElement button) => button.HasAttribute("disabled");
}
