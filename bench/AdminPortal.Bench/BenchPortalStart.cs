using System.Diagnostics;
using System.Net;

namespace AdminPortal.Bench;

/// <summary>How the benchmarks start the built portal as a process: Development, on a free loopback port, over a data folder.</summary>
internal static class BenchPortalStart
{
    /// <summary>
    /// The start of <paramref name="dll"/> over <paramref name="data"/> with <paramref name="settings"/> ("Section:Key" =
    /// value), both output streams redirected, and the address it will listen on.
    /// </summary>
    public static (ProcessStartInfo Start, Uri Address) For(string dll, string data, IReadOnlyDictionary<string, string> settings)
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.GetFullPath(dll), "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__DataDirectory"] = data;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return (start, address);
    }
}
