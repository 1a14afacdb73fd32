using System.Reflection;
using AdminPortal.Testing;

namespace AdminPortal.Browser.Tests;

/// <summary>
/// The real portal, Development environment, on a free loopback port, with a temporary data directory (so a fresh SQLite
/// file with the demo data). Used as a class fixture: each test class gets its own portal, so classes cannot disturb each
/// other's data. It runs inside the test process (<see cref="InProcessPortal"/>), or, where a test reads what the process
/// itself writes to its console, as a separate process of the built AdminPortal.dll.
/// </summary>
public sealed class RunningPortal : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("adminportal-browser-").FullName;
    private readonly string environment;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly bool separateProcess;
    private PortalServer? server;
    private InProcessPortal? inProcess;

    public RunningPortal()
        : this("Development", new Dictionary<string, string>())
    {
    }

    /// <summary>A portal in <paramref name="environment"/> with extra <paramref name="settings"/> ("Section:Key" = value).</summary>
    internal RunningPortal(string environment, IReadOnlyDictionary<string, string> settings, bool separateProcess = false)
    {
        this.environment = environment;
        this.settings = settings;
        this.separateProcess = separateProcess;
    }

    /// <summary>Base address of the running portal, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{FreeLoopbackPort()}/");

    /// <summary>The folder of the portal's SQLite file.</summary>
    public string DataDirectory => dataDirectory;

    /// <summary>What the portal logged so far (a separate process: its stdout and stderr), for failure messages.</summary>
    public string Output => server?.Output ?? inProcess?.Output ?? "";

    /// <summary>The services of a portal in the test process (for reading or changing its data without a browser).</summary>
    public IServiceProvider Services => inProcess?.Services ?? throw new InvalidOperationException("This portal runs as a separate process.");

    public async ValueTask InitializeAsync()
    {
        if (separateProcess)
        {
            server = await PortalServer.StartAsync(PortalAssemblyPath(), dataDirectory, environment, settings, baseAddress: BaseAddress);
            return;
        }

        inProcess = new InProcessPortal(environment, dataDirectory, settings, BaseAddress.Port);
        await Task.Run(inProcess.StartServer);
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        if (inProcess is not null)
        {
            await inProcess.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    internal static int FreeLoopbackPort() => PortalServer.FreeLoopbackPort();

    internal static string PortalAssemblyPath()
    {
        var path = typeof(RunningPortal).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "AdminPortalAssemblyPath")?.Value;
        return !string.IsNullOrEmpty(path) && File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"AdminPortal.dll not found at '{path}'. Build the solution (or this test project) first.");
    }
}
