using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Users;

/// <summary>
/// A user of the tenant as full admins see them. <c>IsBuiltIn</c>: the command line's operator (<see cref="BuiltInUsers"/>),
/// which no one can deactivate.
/// </summary>
public sealed record UserView(Guid Id, string DisplayName, string Email, Role Role, bool IsActive, DateTimeOffset? LastSignInAt, int TokenCount, bool IsBuiltIn);
