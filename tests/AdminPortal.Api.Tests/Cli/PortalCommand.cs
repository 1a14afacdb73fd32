using System.Diagnostics;
using AdminPortal.Cli;
using AdminPortal.Testing;

namespace AdminPortal.Api.Tests.Cli;

/// <summary>
/// Runs the operators' commands against a data directory (and, for a host on PostgreSQL, its database): in this test process through the same entry the executable
/// calls (<see cref="OperatorCommandLine.RunAsync(string[], IReadOnlyDictionary{string, string?}?, TextWriter?, TextWriter?, CancellationToken)"/>,
/// its own services and SQLite connections, the configuration of the executable in Production plus the data
/// directory), or as the built AdminPortal.dll in a separate process where the process itself is the point (its
/// standard streams, another process writing the same file, a private mount namespace).
/// </summary>
internal static class PortalCommand
{
    public static Task<(int ExitCode, string Output, string Messages)> RunAsync(string dataDirectory, params string[] args) =>
        RunAsync(dataDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs a command in this process on <paramref name="host"/>'s database (its SQLite file or PostgreSQL database).</summary>
    public static Task<(int ExitCode, string Output, string Messages)> RunAsync(ApiHost host, params string[] args) =>
        RunAsync(host.DataDirectory, host.StoreSettings, args);

    /// <summary>Runs the built AdminPortal.dll as a separate process on <paramref name="host"/>'s database.</summary>
    public static Task<(int ExitCode, string Output, string Messages)> RunProcessAsync(ApiHost host, params string[] args) =>
        RunProcessAsync([], host.DataDirectory, host.StoreSettings, args);

    /// <summary>Runs a command in this process with extra settings ("Section:Key" = value).</summary>
    public static async Task<(int ExitCode, string Output, string Messages)> RunAsync(
        string dataDirectory, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        // As the executable started by RunProcessAsync: Production, its own folder's appsettings.json.
        var values = new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["contentRoot"] = AppContext.BaseDirectory,
            ["Database:DataDirectory"] = dataDirectory,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        using var output = new StringWriter();
        using var messages = new StringWriter();
        using var syncOutput = TextWriter.Synchronized(output);
        using var syncMessages = TextWriter.Synchronized(messages);
        var exit = await OperatorCommandLine.RunAsync(args, values, syncOutput, syncMessages, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), messages.ToString());
    }

    /// <summary>Runs the built AdminPortal.dll as a separate process (settings passed as environment variables).</summary>
    public static Task<(int ExitCode, string Output, string Messages)> RunProcessAsync(string dataDirectory, params string[] args) =>
        RunProcessAsync([], dataDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs the built AdminPortal.dll through <paramref name="launcher"/> (e.g. nsenter ... --), with extra settings.</summary>
    public static async Task<(int ExitCode, string Output, string Messages)> RunProcessAsync(
        IReadOnlyList<string> launcher, string dataDirectory, IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo(launcher.Count > 0 ? launcher[0] : DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (launcher.Count > 0)
        {
            foreach (var part in launcher.Skip(1).Append(DotnetHost()))
            {
                start.ArgumentList.Add(part);
            }
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AdminPortal.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return await ProcessRun.ToExitAsync(start, TestContext.Current.CancellationToken);
    }

    private static string DotnetHost() => PortalServer.DotnetHost();
}
