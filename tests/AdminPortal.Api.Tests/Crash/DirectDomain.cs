using AdminPortal.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Crash;

/// <summary>The token domain in the test process, on the SQLite file of a portal process: another writer on the same file.</summary>
internal static class DirectDomain
{
    public static ServiceProvider Open(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDirectory };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).AddLogging();
        services.AddTokenDomain(dataDirectory);
        return services.BuildServiceProvider();
    }
}
