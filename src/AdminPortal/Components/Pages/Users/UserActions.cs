using System.Globalization;
using AdminPortal.Tokens.Users;

namespace AdminPortal.Components.Pages.Users;

/// <summary>What a full admin can do to one user on the Users page.</summary>
public enum UserActionKind
{
    Deactivate = 0,
    Reactivate = 1,
}

/// <summary>An action offered for one user, with the words of its button, its confirmation and its outcome.</summary>
public sealed record UserAction(UserActionKind Kind, string Label, string Title, string Confirmation, string Done);

/// <summary>The words of the action the user service offers on each row (<see cref="UserView.CanDeactivate"/>, <see cref="UserView.CanReactivate"/>).</summary>
public static class UserActions
{
    /// <summary>The action the service offers the caller for <paramref name="user"/>, or null.</summary>
    public static UserAction? For(UserView user)
    {
        if (!user.CanDeactivate && !user.CanReactivate)
        {
            return null;
        }

        var tokens = Tokens(user.TokenCount);
        return user.CanDeactivate
            ? new UserAction(UserActionKind.Deactivate, "Deactivate", $"Deactivate {user.DisplayName}?",
                $"{user.DisplayName} can no longer sign in, their open pages stop working, and calls with {tokens} get \"permission denied\" at once. " +
                "Nothing is deleted: reactivating lifts all of this.",
                $"{user.DisplayName} is deactivated; {tokens} {(user.TokenCount == 1 ? "is" : "are")} suspended.")
            : new UserAction(UserActionKind.Reactivate, "Reactivate", $"Reactivate {user.DisplayName}?",
                $"{user.DisplayName} can sign in again, and {tokens} can be used again (except those revoked or expired).",
                $"{user.DisplayName} is active again; the suspension of {tokens} is lifted.");
    }

    /// <summary>What a row without an action says instead: "You", or "Built-in" for the command line's operator.</summary>
    public static string NoActionText(UserView user) => user.IsCaller ? "You" : user.IsBuiltIn ? "Built-in" : "";

    /// <summary>"never" or the instant in UTC, the same for every viewer.</summary>
    public static string LastSignIn(DateTimeOffset? at) =>
        at is { } instant ? instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never";

    private static string Tokens(int count) => count switch
    {
        0 => "their tokens (none yet)",
        1 => "their 1 API token",
        _ => $"their {count} API tokens",
    };
}
