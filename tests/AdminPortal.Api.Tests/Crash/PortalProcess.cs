using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace AdminPortal.Api.Tests.Crash;

/// <summary>
/// The built AdminPortal.dll as a server process on a free loopback port over a given data directory, which it does
/// not own: it can be killed with SIGKILL and started again on the same directory. (The browser tests' RunningPortal
/// owns and deletes its directory and never restarts; this one exists for crash tests.) An optional wrapper runs the
/// server inside another program, e.g. <c>unshare</c> for a private tmpfs.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private PortalProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the server wrote to stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the portal in <paramref name="environment"/> over <paramref name="dataDirectory"/> with extra settings
    /// ("Section:Key" = value) and waits until /healthz answers. <paramref name="wrapper"/>, when given, is a shell
    /// command line that ends by running <c>"$@"</c> (the dotnet command); it is run with <c>sh -c</c>.
    /// </summary>
    public static async Task<PortalProcess> StartAsync(
        string dataDirectory, string environment = "Development", IReadOnlyDictionary<string, string>? settings = null, string? wrapper = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        var dll = Path.Combine(AppContext.BaseDirectory, "AdminPortal.dll");
        string[] command = [DotnetHost(), dll, "--urls", baseAddress.ToString().TrimEnd('/')];
        var start = new ProcessStartInfo(wrapper is null ? command[0] : "sh")
        {
            WorkingDirectory = AppContext.BaseDirectory,
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

        var portal = new PortalProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), baseAddress);
        portal._process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        portal._process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        portal._process.BeginOutputReadLine();
        portal._process.BeginErrorReadLine();
        await portal.WaitUntilLiveAsync();
        return portal;
    }

    /// <summary>A client of this server that sends <c>Authorization: Bearer &lt;secret&gt;</c> when a secret is given.</summary>
    public HttpClient Client(string? secret = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
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

    private async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode} before it answered /healthz:\n{Output}");
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

            await Task.Delay(100);
        }

        throw new TimeoutException($"The portal did not answer /healthz within {StartTimeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
