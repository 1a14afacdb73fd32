using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace AdminPortal.Browser.Tests;

/// <summary>
/// The real portal as a separate process (its built AdminPortal.dll), Development environment, on a
/// free loopback port, with a temporary data directory (so a fresh SQLite file with the demo data).
/// Used as a class fixture: each test class gets its own portal, so classes cannot disturb each other's data.
/// </summary>
public sealed class RunningPortal : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder output = new();
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("adminportal-browser-").FullName;
    private readonly string environment;
    private readonly IReadOnlyDictionary<string, string> settings;
    private Process? process;

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
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        var assemblyPath = PortalAssemblyPath();
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assemblyPath, "--urls", BaseAddress.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Database__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await WaitUntilLiveAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
            process.Dispose();
        }
        Directory.Delete(dataDirectory, recursive: true);
    }

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException(
                    $"The portal exited with code {process.ExitCode} before it answered /healthz:\n{Output}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer the first request.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The portal did not answer /healthz within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string PortalAssemblyPath()
    {
        var path = typeof(RunningPortal).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "AdminPortalAssemblyPath")?.Value;
        return !string.IsNullOrEmpty(path) && File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"AdminPortal.dll not found at '{path}'. Build the solution (or this test project) first.");
    }

    // The dotnet CLI tells child processes which host it is; fall back to the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
