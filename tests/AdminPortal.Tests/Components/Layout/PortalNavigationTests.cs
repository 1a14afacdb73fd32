using AdminPortal.Components.Layout;
using AdminPortal.SignIn;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tests.Components.Layout;

public sealed class PortalNavigationTests
{
    [Fact]
    public void Full_admin_sees_tokens_then_audit() =>
        Assert.Equal([PortalNavigation.Tokens, PortalNavigation.Audit, PortalNavigation.Users, PortalNavigation.Policy], PortalNavigation.For(Person(Role.FullAdmin)));

    [Theory]
    [InlineData(Role.User)]
    [InlineData(Role.SecurityReader)]
    public void Everyone_else_sees_only_tokens(Role role)
    {
        var identity = Person(role);

        Assert.Equal([PortalNavigation.Tokens], PortalNavigation.For(identity));
        Assert.False(PortalNavigation.Allows(identity, PortalNavigation.Audit));
        Assert.True(PortalNavigation.Allows(identity, PortalNavigation.Tokens));
    }

    [Theory]
    [InlineData("audit", true)]
    [InlineData("audit?actor=0f8fad5b-d9cb-469f-a165-70867728950e&page=2", true)]
    [InlineData("audit#main", true)]
    [InlineData("Audit/", true)]
    [InlineData("audit/details", true)]
    [InlineData("auditor", false)]
    [InlineData("tokens", false)]
    [InlineData("", false)]
    public void Audit_item_is_current_on_its_own_addresses(string relativePath, bool current) =>
        Assert.Equal(current, PortalNavigation.IsCurrent(PortalNavigation.Audit, relativePath));

    private static PortalIdentity Person(Role role) =>
        new(Guid.NewGuid(), "Someone", "someone@example.test", role, Guid.NewGuid(), "Acme Corp");
}
