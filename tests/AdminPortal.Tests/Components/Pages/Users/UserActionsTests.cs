using AdminPortal.Components.Pages.Users;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Users;

namespace AdminPortal.Tests.Components.Pages.Users;

public sealed class UserActionsTests
{
    // As the user service offers it: deactivation to an active user, reactivation to a deactivated one.
    private static UserView User(bool active, int tokens) =>
        new(Guid.NewGuid(), "Uma User", "uma@acme.example", Role.User, active, null, tokens, IsBuiltIn: false, CanDeactivate: active, CanReactivate: !active);

    [Fact]
    public void Active_user_can_be_deactivated_with_a_warning_about_their_tokens()
    {
        var action = UserActions.For(User(active: true, tokens: 3))!;

        Assert.Equal(UserActionKind.Deactivate, action.Kind);
        Assert.Equal("Deactivate Uma User?", action.Title);
        Assert.Contains("calls with their 3 API tokens get \"permission denied\" at once", action.Confirmation, StringComparison.Ordinal);
        Assert.Contains("Nothing is deleted", action.Confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public void Deactivated_user_can_be_reactivated()
    {
        var action = UserActions.For(User(active: false, tokens: 1))!;

        Assert.Equal(UserActionKind.Reactivate, action.Kind);
        Assert.Contains("their 1 API token can be used again", action.Confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public void Nobody_acts_on_themselves()
    {
        var me = User(active: true, tokens: 0) with { IsCaller = true, CanDeactivate = false };

        Assert.Null(UserActions.For(me));
        Assert.Equal("You", UserActions.NoActionText(me));
    }

    [Fact]
    public void Built_in_operator_is_offered_no_deactivation_and_says_built_in()
    {
        var op = User(active: true, tokens: 2) with { DisplayName = "Operator (command line)", IsBuiltIn = true, CanDeactivate = false };

        Assert.Null(UserActions.For(op));
        Assert.Equal("Built-in", UserActions.NoActionText(op));
    }

    [Fact]
    public void Last_sign_in_is_shown_in_utc_or_never()
    {
        Assert.Equal("never", UserActions.LastSignIn(null));
        Assert.Equal("2026-11-29 09:05 UTC", UserActions.LastSignIn(new DateTimeOffset(2026, 11, 29, 10, 5, 0, TimeSpan.FromHours(1))));
    }
}
