using AdminPortal.Tokens.Model;

namespace AdminPortal.Components.Shared;

/// <summary>How roles read on screen.</summary>
public static class RoleText
{
    /// <summary>The role's name for people: "Full admin", "Security reader", "User".</summary>
    public static string Label(Role role) => role switch
    {
        Role.FullAdmin => "Full admin",
        Role.SecurityReader => "Security reader",
        Role.User => "User",
    };

    /// <summary>One line on what the role may do in the portal.</summary>
    public static string Summary(Role role) => role switch
    {
        Role.FullAdmin => "Every token of the organisation and the audit log",
        Role.SecurityReader => "Own tokens, read-only scopes",
        Role.User => "Own tokens",
    };
}
