using System.Reflection;
using AdminPortal.Testing;

namespace AdminPortal.Browser.Tests;

/// <summary>
/// The real portal as a separate process (its built AdminPortal.dll), Development environment, on a
/// free loopback port, with a temporary data directory (so a fresh SQLite file with the demo data).
/// Used as a class fixture: each test class gets its own portal, so classes cannot disturb each other's data.
/// </summary>
public sealed class RunningPortal : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("adminportal-browser-").FullName;
    private readonly string environment;
    private readonly IReadOnlyDictionary<string, string> settings;
    private PortalServer? server;

    public RunningPortal()
        : this("Development", new Dictionary<string, string>())
    {
    }

    /// <summary>A portal in <paramref name="environment"/> with extra <paramref name="settings"/> ("Section:Key" = value).</summary>
    internal RunningPortal(string environment, IReadOnlyDictionary<string, string> settings)
    {
        this.environment = environment;
        this.settings = settings;
    }

    /// <summary>Base address of the running portal, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreeLoopbackPort()}/");

    /// <summary>The folder of the portal's SQLite file.</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>What the portal wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output => server?.Output ?? "";

    public async ValueTask InitializeAsync() =>
        server = await PortalServer.StartAsync(PortalAssemblyPath(), dataDirectory, environment, settings, baseAddress: BaseAddress);

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    internal static int FreeLoopbackPort() => PortalServer.FreeLoopbackPort();

    private static string PortalAssemblyPath()
    {
        var path = typeof(RunningPortal).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "AdminPortalAssemblyPath")?.Value;
        return !string.IsNullOrEmpty(path) && File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"AdminPortal.dll not found at '{path}'. Build the solution (or this test project) first.");
    }
}
