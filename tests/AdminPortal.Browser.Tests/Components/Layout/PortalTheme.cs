namespace AdminPortal.Browser.Tests.Components.Layout;

/// <summary>Sets the theme a browser context starts with, as the theme toggle would have left it.</summary>
internal static class PortalTheme
{
    public static Task UseDarkThemeAsync(this IBrowserContext browser, Uri baseAddress) =>
        browser.AddCookiesAsync([new Cookie { Name = "adminportal.theme", Value = "dark", Url = baseAddress.ToString() }]);
}
