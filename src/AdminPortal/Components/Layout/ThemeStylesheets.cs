using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AdminPortal.Components.Layout;

/// <summary>
/// MudBlazor's theme variables as stylesheet files (<c>theme/light.css</c>, <c>theme/dark.css</c>) rather than the
/// inline <c>&lt;style&gt;</c> elements <see cref="MudThemeProvider"/> writes into the page: with them the content
/// security policy keeps <c>style-src 'self'</c> (no inline style elements), the theme is cached by the browser, and the
/// toggle swaps one link without a reload. The CSS is MudBlazor's own: <see cref="MudThemeProvider"/> with the portal's
/// <see cref="PortalTheme.Mud"/>, rendered once per theme by Blazor's <see cref="HtmlRenderer"/>.
/// </summary>
public sealed partial class ThemeStylesheets(IServiceScopeFactory scopes, ILoggerFactory logging)
{
    private readonly ConcurrentDictionary<PortalTheme, Lazy<Task<string>>> _css = new();

    /// <summary>The stylesheet of <paramref name="theme"/>.</summary>
    public Task<string> CssAsync(PortalTheme theme) =>
        _css.GetOrAdd(theme, t => new Lazy<Task<string>>(() => RenderAsync(t))).Value;

    private async Task<string> RenderAsync(PortalTheme theme)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logging);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = PortalTheme.Mud,
                [nameof(MudThemeProvider.IsDarkMode)] = theme.IsDark,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
                [nameof(MudThemeProvider.DefaultScrollbar)] = true,
            });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });

        var css = new StringBuilder();
        foreach (Match style in StyleElement().Matches(html))
        {
            css.AppendLine(style.Groups["css"].Value.Trim());
        }

        return css.Length > 0
            ? css.ToString()
            : throw new InvalidOperationException("MudThemeProvider rendered no style element: the theme stylesheet would be empty.");
    }

    [GeneratedRegex("<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();
}

/// <summary>Maps the theme stylesheets.</summary>
public static class ThemeStylesheetEndpoints
{
    /// <summary>GET <c>theme/{light|dark}.css</c>: 404 for any other name.</summary>
    public static IEndpointRouteBuilder MapThemeStylesheets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/theme/{name}.css", async (string name, ThemeStylesheets sheets, HttpContext http) =>
        {
            if (PortalTheme.Named(name) is not { } theme)
            {
                return Results.NotFound();
            }

            // The palette changes only with a new release; an hour's cache keeps page loads quiet and releases visible.
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(await sheets.CssAsync(theme), "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
