using AdminPortal.Testing;

namespace AdminPortal.Api.Tests.Crash;

/// <summary>
/// The built AdminPortal.dll (this test project's output) as a server process over a data directory it does not own:
/// it can be killed with SIGKILL and started again on the same directory. An optional wrapper runs the server inside
/// another program, e.g. <c>unshare</c> for a private tmpfs.
/// </summary>
internal static class PortalProcess
{
    /// <summary>
    /// Starts the portal in <paramref name="environment"/> over <paramref name="dataDirectory"/> with extra settings
    /// ("Section:Key" = value) and waits until /healthz answers (see <see cref="PortalServer.StartAsync"/>).
    /// </summary>
    public static Task<PortalServer> StartAsync(
        string dataDirectory, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null, string? wrapper = null) =>
        PortalServer.StartAsync(Path.Combine(AppContext.BaseDirectory, "AdminPortal.dll"), dataDirectory, environment, settings, wrapper);
}
