using AdminPortal.Tokens.Model;

namespace AdminPortal.Tokens.Users;

/// <summary>
/// A user of the tenant as a full admin (the caller) sees them. <c>IsBuiltIn</c>: the command line's operator
/// (<see cref="BuiltInUsers"/>), which no one can deactivate. <c>IsCaller</c>: this is the caller themselves.
/// <c>CanDeactivate</c> and <c>CanReactivate</c> are what <see cref="UserService"/> would accept from the caller now, decided
/// by the same rule that refuses the change.
/// </summary>
public sealed record UserView(Guid Id, string DisplayName, string Email, Role Role, bool IsActive, DateTimeOffset? LastSignInAt, int TokenCount,
    bool IsBuiltIn, bool IsCaller = false, bool CanDeactivate = false, bool CanReactivate = false);
