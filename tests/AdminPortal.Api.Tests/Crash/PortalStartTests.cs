namespace AdminPortal.Api.Tests.Crash;

/// <summary>How the tests' launcher treats a portal that cannot start: reported at once, with what the portal said.</summary>
public sealed class PortalStartTests
{
    [Fact]
    public async Task A_portal_that_exits_at_start_is_reported_at_once_with_its_own_message()
    {
        var folder = Directory.CreateTempSubdirectory("adminportal-start-").FullName;
        try
        {
            // Production without an identity provider: the portal refuses to start and says which keys to set.
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => PortalProcess.StartAsync(folder, "Production"));

            Assert.Contains("exited with code", failure.Message, StringComparison.Ordinal);
            Assert.Contains("Authentication:Oidc:Authority", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
