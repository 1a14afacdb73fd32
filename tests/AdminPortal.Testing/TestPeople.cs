using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;

namespace AdminPortal.Testing;

/// <summary>
/// The people a test world signs in, numbered per world, as an identity provider would describe them (subject, name,
/// e-mail, tenant and role), and the token drafts the tests create for them.
/// </summary>
public sealed class TestPeople
{
    private int _count;

    /// <summary>The next person of <paramref name="tenant"/> with <paramref name="role"/>, named <paramref name="name"/> or "Role n".</summary>
    public SignInProfile Next(Role role, string tenant, string? name = null)
    {
        var n = Interlocked.Increment(ref _count);
        return new SignInProfile(tenant, TenantName(tenant), $"subject-{n}", name ?? $"{role} {n}", $"user{n}@{tenant}.example", role);
    }

    /// <summary>The display name the identity provider gives <paramref name="tenant"/>.</summary>
    public static string TenantName(string tenant) => tenant.ToUpperInvariant();

    /// <summary>A token draft with <paramref name="name"/> and <paramref name="scopes"/> (tokens:read when none are given).</summary>
    public static TokenDraft Draft(string name = "ci deploy", params string[] scopes) =>
        new() { Name = name, Scopes = scopes.Length == 0 ? ["tokens:read"] : scopes };
}
