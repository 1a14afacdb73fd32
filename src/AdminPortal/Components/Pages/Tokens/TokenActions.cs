using AdminPortal.Tokens.Service;

namespace AdminPortal.Components.Pages.Tokens;

/// <summary>The actions that ask for confirmation before they change a token.</summary>
public enum TokenAction
{
    Revoke,
    Restore,
    Roll,
    Delete,
}

/// <summary>What a confirmation says, and what the notification says afterwards; every text names the token.</summary>
public sealed record ActionTexts(string Title, string Question, string Consequence, string ConfirmText, bool Destructive, string Done, string Failed);

/// <summary>The words of each action, in one place.</summary>
public static class TokenActionTexts
{
    public static ActionTexts For(TokenAction action, TokenView token)
    {
        var name = $"'{token.Name}'";
        return action switch
        {
            TokenAction.Revoke => new("Revoke token", $"Revoke {name}?",
                "Every call with it is refused from now on. You can restore it later, until it expires.",
                "Revoke", true, $"Revoked {name}.", $"Could not revoke {name}"),
            TokenAction.Restore => new("Restore token", $"Restore {name}?",
                "It works again with its current secret, until its original valid-to time.",
                "Restore", false, $"Restored {name}.", $"Could not restore {name}"),
            TokenAction.Roll => new("Roll secret", $"Roll the secret of {name}?",
                "A new secret is issued and shown once. The current secret stops working at once: update every app that uses it.",
                "Roll secret", true, $"Rolled the secret of {name}.", $"Could not roll {name}"),
            TokenAction.Delete => new("Delete token", $"Delete {name}?",
                "It is removed for good and every call with it is refused. The audit log keeps the record of it.",
                "Delete", true, $"Deleted {name}.", $"Could not delete {name}"),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }
}
