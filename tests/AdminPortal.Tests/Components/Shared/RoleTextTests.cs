using AdminPortal.Components.Shared;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Tests.Components.Shared;

public sealed class RoleTextTests
{
    [Theory]
    [InlineData(Role.FullAdmin, "Full admin")]
    [InlineData(Role.SecurityReader, "Security reader")]
    [InlineData(Role.User, "User")]
    public void Roles_read_as_words(Role role, string label) => Assert.Equal(label, RoleText.Label(role));

    [Fact]
    public void Every_role_has_a_summary() =>
        Assert.All(Enum.GetValues<Role>(), role => Assert.False(string.IsNullOrWhiteSpace(RoleText.Summary(role))));
}
