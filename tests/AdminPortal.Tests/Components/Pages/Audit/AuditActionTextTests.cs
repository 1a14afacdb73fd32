using AdminPortal.Components.Pages.Audit;
using AdminPortal.Tokens.Model;
using Radzen;

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
    [InlineData(AuditAction.TokenRevoked, BadgeStyle.Danger)]
    [InlineData(AuditAction.TokenDeleted, BadgeStyle.Danger)]
    [InlineData(AuditAction.TokenRolled, BadgeStyle.Warning)]
    [InlineData(AuditAction.UserDeactivated, BadgeStyle.Warning)]
    [InlineData(AuditAction.TokenCreated, BadgeStyle.Success)]
    [InlineData(AuditAction.TokenEdited, BadgeStyle.Info)]
    public void Actions_that_take_access_away_stand_out(AuditAction action, BadgeStyle style) =>
        Assert.Equal(style, AuditActionText.Style(action));
}
