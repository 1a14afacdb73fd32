using AdminPortal.Components.Pages.Audit;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Users;

namespace AdminPortal.Tests.Components.Pages.Audit;

public sealed class ActorOptionTests
{
    private static readonly UserView Ada = new(Guid.NewGuid(), "Ada Admin", "ada@acme.example", Role.FullAdmin, true, null, 3, false);
    private static readonly UserView Old = new(Guid.NewGuid(), "Olga Old", "olga@acme.example", Role.User, false, null, 1, false);

    [Fact]
    public void People_are_named_with_their_email_and_deactivated_ones_say_so()
    {
        var options = ActorOption.From([Ada, Old], selected: null);

        Assert.Equal(["Ada Admin (ada@acme.example)", "Olga Old (olga@acme.example, deactivated)"], options.Select(o => o.Label));
        Assert.Equal([Ada.Id, Old.Id], options.Select(o => o.Id));
    }

    [Fact]
    public void Filtered_actor_who_is_not_listed_still_shows()
    {
        var stranger = Guid.NewGuid();

        var options = ActorOption.From([Ada], stranger);

        Assert.Equal(stranger, options[^1].Id);
        Assert.Contains(stranger.ToString("D"), options[^1].Label, StringComparison.Ordinal);
    }
}
