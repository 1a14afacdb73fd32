namespace AdminPortal.Browser.Tests.Secrets;

/// <summary>Class fixture: the real portal with every category logging at Debug, ASP.NET Core's and EF Core's included.</summary>
public sealed class DebugLoggedPortal : IAsyncLifetime
{
    // A separate process: the test reads what the process itself writes to its console.
    public RunningPortal Portal { get; } = new("Development", new Dictionary<string, string>
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Debug",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Debug",
    }, separateProcess: true);

    public ValueTask InitializeAsync() => Portal.InitializeAsync();

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}
