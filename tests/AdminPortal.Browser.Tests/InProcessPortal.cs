using AdminPortal.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Browser.Tests;

/// <summary>
/// The real portal (its Program, on Kestrel at a loopback port) hosted inside the test process. The browser meets exactly
/// what a separate process would serve; what differs is that every portal of the run shares one runtime, so the portal's
/// code is compiled once for the whole run rather than once per test class (a portal process spent about six seconds of
/// CPU starting and warming up, most of the browser tests' budget on two cores). What the portal logs is kept in
/// <see cref="Output"/> instead of a console.
/// </summary>
internal sealed class InProcessPortal : WebApplicationFactory<Program>
{
    private readonly string _environment;
    private readonly string _dataDirectory;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly LogCapture _log = new();

    public InProcessPortal(string environment, string dataDirectory, IReadOnlyDictionary<string, string> settings, int port)
    {
        _environment = environment;
        _dataDirectory = dataDirectory;
        _settings = settings;
        UseKestrel(port);
    }

    /// <summary>What the portal logged so far, one line per entry.</summary>
    public string Output => string.Join('\n', _log.Lines);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:DataDirectory", _dataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(_log));
    }
}
