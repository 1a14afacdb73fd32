using AdminPortal.Components.Pages.Audit;
using AdminPortal.Tokens.Model;
using MudBlazor;

namespace AdminPortal.Tests.Components.Pages.Audit;

public sealed class AuditActionTextTests
{
    [Fact]
    public void Every_action_has_a_distinct_label_and_an_icon()
    {
        var actions = Enum.GetValues<AuditAction>();

        Assert.Equal(actions.Length, actions.Select(AuditActionText.Label).Distinct().Count());
        Assert.All(actions, a => Assert.False(string.IsNullOrWhiteSpace(AuditActionText.Icon(a))));
    }

    [Theory]
    [InlineData(AuditAction.TokenRevoked, Color.Error)]
    [InlineData(AuditAction.TokenDeleted, Color.Error)]
    [InlineData(AuditAction.TokenRolled, Color.Warning)]
    [InlineData(AuditAction.UserDeactivated, Color.Warning)]
    [InlineData(AuditAction.TokenCreated, Color.Success)]
    [InlineData(AuditAction.TokenEdited, Color.Info)]
    public void Actions_that_take_access_away_stand_out(AuditAction action, Color style) =>
        Assert.Equal(style, AuditActionText.Style(action));
}
