namespace AdminPortal.Components.Layout;

/// <summary>
/// The light or dark look a user chose. It is kept in a cookie that the server reads, so that the
/// prerendered page already links the right Radzen theme and never flashes the other one.
/// </summary>
public sealed class PortalTheme
{
    /// <summary>Name of the cookie that remembers the choice (not a secret; readable by the page's script).</summary>
    public const string CookieName = "adminportal.theme";

    /// <summary>How long the choice is remembered.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    /// <summary>Radzen's Material theme; the default.</summary>
    public static readonly PortalTheme Light = new("light", "material");

    /// <summary>Radzen's Material Dark theme.</summary>
    public static readonly PortalTheme Dark = new("dark", "material-dark");

    private PortalTheme(string name, string radzenTheme)
    {
        Name = name;
        RadzenTheme = radzenTheme;
    }

    /// <summary>The cookie value and the html element's data-theme: "light" or "dark".</summary>
    public string Name { get; }

    /// <summary>The Radzen theme to link.</summary>
    public string RadzenTheme { get; }

    /// <summary>Whether this is the dark theme.</summary>
    public bool IsDark => ReferenceEquals(this, Dark);

    /// <summary>The theme a toggle switches to.</summary>
    public PortalTheme Other => IsDark ? Light : Dark;

    /// <summary>The theme a cookie value names; anything but "dark" (missing, tampered) is light.</summary>
    public static PortalTheme FromCookie(string? value) =>
        string.Equals(value, Dark.Name, StringComparison.Ordinal) ? Dark : Light;

    /// <summary>The theme of a request (light outside a request, e.g. over the circuit).</summary>
    public static PortalTheme Of(HttpContext? http) => FromCookie(http?.Request.Cookies[CookieName]);

    /// <inheritdoc />
    public override string ToString() => Name;
}
