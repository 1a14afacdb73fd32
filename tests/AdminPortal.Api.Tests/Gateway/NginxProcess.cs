using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AdminPortal.Testing;

namespace AdminPortal.Api.Tests.Gateway;

/// <summary>
/// A real nginx (the Debian package, installed with apt-get when missing) in the foreground on a free loopback port,
/// with its own prefix, pid, logs and temp folders in a temporary directory, running the shipped
/// deploy/nginx/adminportal-gateway.conf with its addresses replaced.
/// </summary>
internal sealed class NginxProcess : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/nginx";
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    private readonly Process _process;
    private readonly string _prefix;

    private NginxProcess(Process process, string prefix, Uri address)
    {
        _process = process;
        _prefix = prefix;
        Address = address;
    }

    public Uri Address { get; }

    public string ErrorLog => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    public static async Task<NginxProcess> StartAsync(Uri adminPortal, Uri protectedService)
    {
        await EnsureInstalledAsync();
        var prefix = Directory.CreateTempSubdirectory("adminportal-nginx-").FullName;
        var port = FreeLoopbackPort();
        var gateway = (await File.ReadAllTextAsync(ShippedConfig()))
            .Replace("server 127.0.0.1:5000;", $"server {adminPortal.Authority};", StringComparison.Ordinal)
            .Replace("server 127.0.0.1:9000;", $"server {protectedService.Authority};", StringComparison.Ordinal)
            .Replace("listen 127.0.0.1:8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        Assert.Contains($"server {adminPortal.Authority};", gateway, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(prefix, "adminportal-gateway.conf"), gateway);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{prefix}}/access.log;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/adminportal-gateway.conf;
            }
            """);

        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-g", "daemon off; master_process off;" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var nginx = new NginxProcess(process, prefix, new Uri($"http://127.0.0.1:{port}/"));
        await nginx.WaitUntilListeningAsync(port);
        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_prefix, recursive: true);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        // nginx writes to its own log files, not to the pipes: its progress is its CPU time.
        var progress = new ProcessProgress(_process, () => 0);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}: {await _process.StandardError.ReadToEndAsync()}\n{ErrorLog}");
            }

            progress.ThrowIfStalled($"nginx did not listen on {port}", () => ErrorLog);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Installs the Debian package when it is missing (as scripts/test does), without starting its service.</summary>
    private static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(Binary))
            {
                return;
            }

            foreach (var command in new[] { "update -q", "install -y -q nginx" })
            {
                var apt = new ProcessStartInfo("apt-get", command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                apt.Environment["DEBIAN_FRONTEND"] = "noninteractive";
                apt.Environment["RUNLEVEL"] = "1";
                using var process = Process.Start(apt)!;
                var log = new StringBuilder(await process.StandardOutput.ReadToEndAsync()).Append(await process.StandardError.ReadToEndAsync());
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, $"apt-get {command} failed:\n{log}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static string ShippedConfig()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "deploy", "nginx", "adminportal-gateway.conf");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("deploy/nginx/adminportal-gateway.conf not found above the test's folder.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
