using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Users;

/// <summary>What the identity provider (or the development sign-in) says about a person.</summary>
public sealed record SignInProfile(string TenantKey, string TenantName, string SubjectId, string DisplayName, string Email, Role Role);
