using AdminPortal.Components.Layout;

namespace AdminPortal.Components.Tests.Layout;

public sealed class ThemeToggleTests : PortalComponentTest
{
    [Fact]
    public void A_light_page_offers_the_dark_theme_as_a_toggle_that_is_not_pressed()
    {
        var toggle = Render<ThemeToggle>(p => p.Add(t => t.Dark, false)).Find("button[aria-label='Dark theme']");

        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        Assert.Equal("Switch to the dark theme", toggle.GetAttribute("title"));
    }

    [Fact]
    public void Pressing_the_toggle_stores_the_dark_choice_and_swaps_in_the_dark_stylesheet()
    {
        var module = JSInterop.SetupModule("./Components/Layout/ThemeToggle.razor.js");
        var cut = Render<ThemeToggle>(p => p.Add(t => t.Dark, false));

        cut.Find("button[aria-label='Dark theme']").Click();

        var call = module.VerifyInvoke("applyTheme");
        Assert.Equal(["dark", "theme/dark.css", PortalTheme.CookieName], call.Arguments.Take(3));
        Assert.Equal("true", cut.Find("button[aria-label='Dark theme']").GetAttribute("aria-pressed"));
    }
}
