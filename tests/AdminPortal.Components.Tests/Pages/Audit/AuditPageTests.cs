using AdminPortal.Components.Pages.Audit;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Components.Tests.Pages.Audit;

/// <summary>Who gets the audit page (its interactive log is tested in AuditLogViewTests).</summary>
public sealed class AuditPageTests : PortalComponentTest
{
    [Theory]
    [InlineData(Role.User)]
    [InlineData(Role.SecurityReader)]
    public async Task Everyone_but_full_admins_is_refused_and_gets_no_log(Role role)
    {
        SignIn(await UserAsync(role));

        var cut = Render<AuditPage>();

        Assert.Equal("Not allowed", cut.Find("h1").TextContent);
        Assert.Empty(cut.FindAll("[role=search]"));
        Assert.Empty(cut.FindAll(".audit-table"));
    }
}
