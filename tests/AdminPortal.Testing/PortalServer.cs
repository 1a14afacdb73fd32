using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AdminPortal.Testing;

/// <summary>
/// The built AdminPortal.dll as a server process on a free loopback port over a data directory it does not own (so it
/// can be killed and started again on the same directory). Start-up is waited for as long as the process makes
/// progress (<see cref="ProcessProgress"/>); a process that exits first is reported at once, with its output.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ProcessOutput _output;

    private PortalServer(Process process, ProcessOutput output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    /// <summary>Base address of the running portal, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the server wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output => _output.Text;

    /// <summary>
    /// Starts <paramref name="assemblyPath"/> (AdminPortal.dll) in <paramref name="environment"/> over
    /// <paramref name="dataDirectory"/> with extra settings ("Section:Key" = value) and waits until /healthz answers.
    /// <paramref name="wrapper"/>, when given, is a shell command line that ends by running <c>"$@"</c> (the dotnet
    /// command); it is run with <c>sh -c</c>.
    /// </summary>
    public static async Task<PortalServer> StartAsync(
        string assemblyPath, string dataDirectory, string environment = "Development",
        IReadOnlyDictionary<string, string>? settings = null, string? wrapper = null, Uri? baseAddress = null)
    {
        baseAddress ??= new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        string[] command = [DotnetHost(), assemblyPath, "--urls", baseAddress.ToString().TrimEnd('/')];
        var start = new ProcessStartInfo(wrapper is null ? command[0] : "sh")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in wrapper is null ? command[1..] : ["-c", wrapper, "portal", .. command])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["Database__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new PortalServer(process, ProcessOutput.Of(process), baseAddress);
        try
        {
            await server.WaitUntilLiveAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A client of this server that sends <c>Authorization: Bearer &lt;secret&gt;</c> when a secret is given.</summary>
    public HttpClient Client(string? secret = null)
    {
        // Generous: a loaded machine can take long to answer, and a test's own waits say what they wait for.
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(3) };
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>A free TCP port on 127.0.0.1.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The dotnet host the test runner uses (the CLI tells child processes), else the one on PATH.</summary>
    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var progress = new ProcessProgress(_process, () => _output.Length);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before it answered /healthz:\n{Output}");
            }

            progress.ThrowIfStalled("The portal did not answer /healthz", () => Output);
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

            await Task.Delay(100);
        }
    }
}
