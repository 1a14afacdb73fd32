using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Users;

namespace AdminPortal.SignIn;

/// <summary>The people of the development sign-in: one of each role in tenant A, and an admin of tenant B.</summary>
public static class DemoUsers
{
    /// <summary>Every demo user, in the order the sign-in page lists them.</summary>
    public static readonly IReadOnlyList<SignInProfile> All =
    [
        new("acme", "Acme Corp", "demo-admin", "Ada Admin", "ada@acme.example", Role.FullAdmin),
        new("acme", "Acme Corp", "demo-user", "Uma User", "uma@acme.example", Role.User),
        new("acme", "Acme Corp", "demo-reader", "Sam Reader", "sam@acme.example", Role.SecurityReader),
        new("globex", "Globex", "demo-globex", "Gus Globex", "gus@globex.example", Role.FullAdmin),
    ];

    /// <summary>The demo user with this subject, or null.</summary>
    public static SignInProfile? Find(string? subject) => All.FirstOrDefault(u => u.SubjectId == subject);
}
