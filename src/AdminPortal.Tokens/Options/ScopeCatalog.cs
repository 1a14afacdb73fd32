using System.Collections.Frozen;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Options;

/// <summary>The known scopes and the scopes each role holds.</summary>
public sealed class ScopeCatalog
{
    private static readonly ScopeDefinition[] BuiltInScopes =
    [
        new() { Name = "tokens:read", Description = "List and view API tokens" },
        new() { Name = "tokens:write", Write = true, Description = "Create, change and revoke API tokens" },
        new() { Name = "audit:read", Description = "Read the audit log" },
        new() { Name = "alerts:read", Description = "Read alerts" },
        new() { Name = "alerts:write", Write = true, Description = "Create and change alerts" },
        new() { Name = "introspect", Description = "Check other tokens (RFC 7662 introspection)" },
    ];

    private static readonly Dictionary<Role, string[]> BuiltInRoleScopes = new()
    {
        [Role.FullAdmin] = ["tokens:read", "tokens:write", "audit:read", "alerts:read", "alerts:write", "introspect"],
        [Role.SecurityReader] = ["tokens:read", "audit:read", "alerts:read", "introspect"],
        [Role.User] = ["tokens:read", "tokens:write", "alerts:read", "alerts:write"],
    };

    private readonly FrozenDictionary<string, ScopeDefinition> _scopes;
    private readonly FrozenDictionary<Role, FrozenSet<string>> _roleScopes;

    /// <summary>Builds the catalog from options, falling back to the built-in sets.</summary>
    public ScopeCatalog(TokenOptions options)
    {
        var scopes = options.Scopes.Count > 0 ? options.Scopes : (IEnumerable<ScopeDefinition>)BuiltInScopes;
        _scopes = scopes.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);
        All = [.. _scopes.Values.OrderBy(s => s.Name, StringComparer.Ordinal)];
        _roleScopes = Enum.GetValues<Role>().ToFrozenDictionary(
            role => role,
            role => (options.RoleScopes.TryGetValue(role, out var configured) ? configured : [.. BuiltInRoleScopes[role]])
                .ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>Every known scope, by name.</summary>
    public IReadOnlyList<ScopeDefinition> All { get; }

    /// <summary>Whether <paramref name="scope"/> is known.</summary>
    public bool IsKnown(string scope) => _scopes.ContainsKey(scope);

    /// <summary>Whether <paramref name="scope"/> lets a caller change data.</summary>
    public bool IsWrite(string scope) => _scopes.TryGetValue(scope, out var s) && s.Write;

    /// <summary>The scopes a user of <paramref name="role"/> holds.</summary>
    public IReadOnlySet<string> ScopesOf(Role role) => _roleScopes[role];

    /// <summary>Problems with the configuration, each naming the setting; empty when it is sound.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (role, scopes) in _roleScopes)
        {
            foreach (var scope in scopes.Where(s => !IsKnown(s)))
            {
                yield return $"Tokens:RoleScopes:{role} names the unknown scope '{scope}'.";
            }

            if (role == Role.SecurityReader)
            {
                foreach (var scope in scopes.Where(IsWrite))
                {
                    yield return $"Tokens:RoleScopes:SecurityReader must hold read scopes only, but holds '{scope}'.";
                }
            }
        }
    }
}
