using AdminPortal.SignIn;
using AdminPortal.Tokens.Options;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>What the token page learnt once it became interactive, shared with its grid, filters and dialogs.</summary>
public sealed record TokenPageContext(
    PortalIdentity Identity,
    BrowserTime Time,
    TokenPageScript Script,
    IReadOnlyList<ScopeDefinition> HeldScopes,
    IReadOnlyList<UserView> Owners,
    TimeSpan UsageWindow,
    ApiExample Api,
    TokenLimits? Limits = null)
{
    public bool IsFullAdmin => Identity.IsFullAdmin;

    /// <summary>The names of <see cref="HeldScopes"/>.</summary>
    public IReadOnlySet<string> HeldScopeNames { get; } = HeldScopes.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The scopes the person may put in their tokens: those they hold that the tenant policy allows (<see cref="Limits"/>).</summary>
    public IReadOnlySet<string> GrantableScopeNames => Limits?.AllowedScopes ?? HeldScopeNames;
}
