using AdminPortal.Components.Pages.Users;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Users;

namespace AdminPortal.Tests.Components.Pages.Users;

public sealed class UserActionsTests
{
    private static readonly Guid Me = Guid.NewGuid();

    private static UserView User(bool active, int tokens) => new(Guid.NewGuid(), "Uma User", "uma@acme.example", Role.User, active, null, tokens, IsBuiltIn: false);

    [Fact]
    public void Active_user_can_be_deactivated_with_a_warning_about_their_tokens()
    {
        var action = UserActions.For(User(active: true, tokens: 3), Me)!;

        Assert.Equal(UserActionKind.Deactivate, action.Kind);
        Assert.Equal("Deactivate Uma User?", action.Title);
        Assert.Contains("calls with their 3 API tokens get \"permission denied\" at once", action.Confirmation, StringComparison.Ordinal);
        Assert.Contains("Nothing is deleted", action.Confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public void Deactivated_user_can_be_reactivated()
    {
        var action = UserActions.For(User(active: false, tokens: 1), Me)!;

        Assert.Equal(UserActionKind.Reactivate, action.Kind);
        Assert.Contains("their 1 API token can be used again", action.Confirmation, StringComparison.Ordinal);
    }

    [Fact]
    public void Nobody_acts_on_themselves()
    {
        var me = User(active: true, tokens: 0) with { Id = Me };

        Assert.Null(UserActions.For(me, Me));
    }

    [Fact]
    public void Built_in_operator_is_offered_no_deactivation_and_says_built_in()
    {
        var op = User(active: true, tokens: 2) with { DisplayName = "Operator (command line)", IsBuiltIn = true };

        Assert.Null(UserActions.For(op, Me));
        Assert.Equal("Built-in", UserActions.NoActionText(op, Me));
    }

    [Fact]
    public void Last_sign_in_is_shown_in_utc_or_never()
    {
        Assert.Equal("never", UserActions.LastSignIn(null));
        Assert.Equal("2026-11-29 09:05 UTC", UserActions.LastSignIn(new DateTimeOffset(2026, 11, 29, 10, 5, 0, TimeSpan.FromHours(1))));
    }
}
