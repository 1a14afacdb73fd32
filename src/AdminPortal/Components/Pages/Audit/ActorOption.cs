using AdminPortal.Tokens.Users;

namespace AdminPortal.Components.Pages.Audit;

/// <summary>A person in the actor picker.</summary>
public sealed record ActorOption(Guid Id, string Label)
{
    /// <summary>The tenant's users as the picker lists them, plus the filtered actor if they are not among them.</summary>
    public static IReadOnlyList<ActorOption> From(IEnumerable<UserView> users, Guid? selected)
    {
        var options = users
            .Select(u => new ActorOption(u.Id, u.IsActive ? $"{u.DisplayName} ({u.Email})" : $"{u.DisplayName} ({u.Email}, deactivated)"))
            .ToList();
        if (selected is { } id && options.TrueForAll(o => o.Id != id))
        {
            options.Add(new ActorOption(id, $"Unknown user {id:D}"));
        }

        return options;
    }
}
