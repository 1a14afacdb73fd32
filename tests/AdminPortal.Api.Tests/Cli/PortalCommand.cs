using System.Diagnostics;
using AdminPortal.Testing;

namespace AdminPortal.Api.Tests.Cli;

/// <summary>Runs the built AdminPortal.dll as a separate process with command-line arguments, against a data directory.</summary>
internal static class PortalCommand
{
    public static Task<(int ExitCode, string Output, string Messages)> RunAsync(string dataDirectory, params string[] args) =>
        RunAsync(dataDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs a command with extra settings ("Section:Key" = value), passed as environment variables.</summary>
    public static Task<(int ExitCode, string Output, string Messages)> RunAsync(
        string dataDirectory, IReadOnlyDictionary<string, string> settings, params string[] args) =>
        RunAsync([], dataDirectory, settings, args);

    /// <summary>Runs a command through <paramref name="launcher"/> (e.g. nsenter ... --), with extra settings.</summary>
    public static async Task<(int ExitCode, string Output, string Messages)> RunAsync(
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
