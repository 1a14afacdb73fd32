using MudBlazor;

namespace AdminPortal.Components.Layout;

/// <summary>
/// The light or dark look a user chose. It is kept in a cookie that the server reads, so that the
/// prerendered page already links the right theme stylesheet and never flashes the other one.
/// </summary>
public sealed class PortalTheme
{
    /// <summary>Name of the cookie that remembers the choice (not a secret; readable by the page's script).</summary>
    public const string CookieName = "adminportal.theme";

    /// <summary>How long the choice is remembered.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>The default.</summary>
    public static readonly PortalTheme Light = new("light");

    /// <summary>The dark look.</summary>
    public static readonly PortalTheme Dark = new("dark");

    /// <summary>
    /// MudBlazor's theme with the portal's palettes. Colours are chosen for WCAG 2.1 AA contrast (4.5:1 for text)
    /// on their surfaces in both modes; MudBlazor's own defaults fall short for primary text in dark mode.
    /// </summary>
    public static readonly MudTheme Mud = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4ed8",
            Secondary = "#475569",
            AppbarBackground = "#ffffff",
            AppbarText = "#1e293b",
            Background = "#f8fafc",
            Surface = "#ffffff",
            TextPrimary = "#0f172a",
            TextSecondary = "#475569",
            DrawerBackground = "#ffffff",
            LinesDefault = "#e2e8f0",
            TableLines = "#e2e8f0",
            // Green-800: text of this colour keeps 4.5:1 also on tinted rows and chips (green-700 fell to 4.26 on a highlighted row).
            Success = "#166534",
            Warning = "#b45309",
            Error = "#b91c1c",
            Info = "#0369a1",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#93b4fd",
            // Light colours in dark mode: text on them is dark (MudBlazor's default, white, is unreadable on them).
            PrimaryContrastText = "#0b1120",
            Secondary = "#cbd5e1",
            SecondaryContrastText = "#0b1120",
            SuccessContrastText = "#0b1120",
            WarningContrastText = "#0b1120",
            ErrorContrastText = "#0b1120",
            InfoContrastText = "#0b1120",
            AppbarBackground = "#111827",
            AppbarText = "#e5e7eb",
            Background = "#0b1120",
            Surface = "#111827",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#9ca3af",
            DrawerBackground = "#111827",
            LinesDefault = "#273244",
            TableLines = "#273244",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
            Info = "#7dd3fc",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };

    private PortalTheme(string name) => Name = name;

    /// <summary>The cookie value and the html element's data-theme: "light" or "dark".</summary>
    public string Name { get; }

    /// <summary>The theme's stylesheet (MudBlazor's palette variables), relative to the base address.</summary>
    public string Stylesheet => $"theme/{Name}.css";

    /// <summary>Whether this is the dark theme.</summary>
    public bool IsDark => ReferenceEquals(this, Dark);

    /// <summary>The theme a toggle switches to.</summary>
    public PortalTheme Other => IsDark ? Light : Dark;

    /// <summary>The theme a cookie value names; anything but "dark" (missing, tampered) is light.</summary>
    public static PortalTheme FromCookie(string? value) =>
        string.Equals(value, Dark.Name, StringComparison.Ordinal) ? Dark : Light;

    /// <summary>The theme a stylesheet request names ("light" or "dark"), or null for anything else.</summary>
    public static PortalTheme? Named(string? name) =>
        string.Equals(name, Dark.Name, StringComparison.Ordinal) ? Dark
        : string.Equals(name, Light.Name, StringComparison.Ordinal) ? Light
        : null;

    /// <summary>The theme of a request (light outside a request, e.g. over the circuit).</summary>
    public static PortalTheme Of(HttpContext? http) => FromCookie(http?.Request.Cookies[CookieName]);

    /// <inheritdoc />
    public override string ToString() => Name;
}
