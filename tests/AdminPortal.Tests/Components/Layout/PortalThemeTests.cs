using AdminPortal.Components.Layout;

namespace AdminPortal.Tests.Components.Layout;

public sealed class PortalThemeTests
{
    [Fact]
    public void Dark_cookie_selects_material_dark()
    {
        var theme = PortalTheme.FromCookie("dark");

        Assert.True(theme.IsDark);
        Assert.Equal("theme/dark.css", theme.Stylesheet);
        Assert.Equal("dark", theme.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("light")]
    [InlineData("DARK")]
    [InlineData("material-dark")]
    [InlineData("dark; path=/")]
    public void Anything_but_dark_is_light(string? cookie)
    {
        var theme = PortalTheme.FromCookie(cookie);

        Assert.Same(PortalTheme.Light, theme);
        Assert.Equal("theme/light.css", theme.Stylesheet);
    }

    [Fact]
    public void Other_switches_between_the_two_themes()
    {
        Assert.Same(PortalTheme.Dark, PortalTheme.Light.Other);
        Assert.Same(PortalTheme.Light, PortalTheme.Dark.Other);
    }

    [Fact]
    public void Request_without_a_context_is_light() =>
        Assert.Same(PortalTheme.Light, PortalTheme.Of(null));
}
