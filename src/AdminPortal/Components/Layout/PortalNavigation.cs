using AdminPortal.SignIn;
using MudBlazor;

namespace AdminPortal.Components.Layout;

/// <summary>One entry of the main navigation; <see cref="Href"/> is relative to the base address, <see cref="Icon"/> an SVG path of MudBlazor's icons.</summary>
public sealed record NavItem(string Href, string Text, string Icon);

/// <summary>What the main navigation offers a signed-in person.</summary>
public static class PortalNavigation
{
    /// <summary>The API tokens page: everyone's start page.</summary>
    public static readonly NavItem Tokens = new("tokens", "API tokens", Icons.Material.Outlined.Key);

    /// <summary>The audit log page: full admins only (the page refuses everyone else, too).</summary>
    public static readonly NavItem Audit = new("audit", "Audit log", Icons.Material.Outlined.History);

    /// <summary>The users page: full admins only (the page refuses everyone else, too).</summary>
    public static readonly NavItem Users = new("users", "Users", Icons.Material.Outlined.Group);

    /// <summary>The token policy page: full admins only (the page refuses everyone else, and the service refuses their changes).</summary>
    public static readonly NavItem Policy = new("policy", "Token policy", Icons.Material.Outlined.Policy);

    /// <summary>The entries for <paramref name="identity"/>, in order.</summary>
    public static IReadOnlyList<NavItem> For(PortalIdentity identity) =>
        identity.IsFullAdmin ? [Tokens, Audit, Users, Policy] : [Tokens];

    /// <summary>Whether <paramref name="identity"/> may open <paramref name="item"/>; its page checks this too.</summary>
    public static bool Allows(PortalIdentity identity, NavItem item) => For(identity).Contains(item);

    /// <summary>Whether <paramref name="item"/> is the page at <paramref name="relativePath"/> ("audit?actor=..." is the audit page).</summary>
    public static bool IsCurrent(NavItem item, string relativePath)
    {
        var path = relativePath.AsSpan();
        var end = path.IndexOfAny('?', '#');
        if (end >= 0)
        {
            path = path[..end];
        }

        path = path.Trim('/');
        return path.Equals(item.Href, StringComparison.OrdinalIgnoreCase)
            || (path.StartsWith(item.Href, StringComparison.OrdinalIgnoreCase) && path[item.Href.Length] == '/');
    }
}
