using System.Net;
using AdminPortal.Tokens.Guard;
using Microsoft.AspNetCore.HttpOverrides;

namespace AdminPortal.Security;

/// <summary>
/// The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto the portal believes, from configuration
/// (<c>ForwardedHeaders:KnownProxies</c>: addresses; <c>ForwardedHeaders:KnownNetworks</c>: CIDR ranges). None by default:
/// the client address is then the connection's, and a forged X-Forwarded-For changes nothing. Behind trusted proxies the
/// header is read from the right, one hop per trusted proxy, so what a client wrote itself on the left is never taken.
/// </summary>
internal static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var proxies = Read(builder.Configuration, "KnownProxies");
        var networks = Read(builder.Configuration, "KnownNetworks");
        var problems = new List<string>();
        var addresses = new List<IPAddress>();
        var ranges = new List<System.Net.IPNetwork>();
        foreach (var entry in proxies)
        {
            if (IPAddress.TryParse(entry, out var address))
            {
                addresses.Add(address);
            }
            else
            {
                problems.Add($"{Section}:KnownProxies: '{entry}' is not an IP address.");
            }
        }

        foreach (var entry in networks)
        {
            if (AddressAllowList.TryParse(entry, out var network, out var error))
            {
                ranges.Add(network);
            }
            else
            {
                problems.Add($"{Section}:KnownNetworks: {error}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = null;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in addresses)
            {
                options.KnownProxies.Add(address);
            }

            foreach (var range in ranges)
            {
                options.KnownIPNetworks.Add(range);
            }
        });
        return builder;
    }

    /// <summary>Takes forwarded headers from the configured proxies only; nothing at all when none is configured.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        var configuration = app.Configuration;
        if (Read(configuration, "KnownProxies").Count + Read(configuration, "KnownNetworks").Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>A list setting: array entries (<c>KnownProxies:0</c>, ...) or one comma- or space-separated value.</summary>
    private static List<string> Read(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(Section).GetSection(key);
        IEnumerable<string?> values = section.GetChildren().Any() ? section.GetChildren().Select(c => c.Value) : [section.Value];
        return [.. values.SelectMany(v => (v ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
    }
}
