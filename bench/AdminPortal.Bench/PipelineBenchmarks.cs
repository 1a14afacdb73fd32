using System.Net;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http.Features;

namespace AdminPortal.Bench;

/// <summary>
/// One request through the server's whole middleware pipeline (routing, authentication, authorization, endpoint),
/// in process and without sockets, for each endpoint of <see cref="BenchHost"/>: what each kind of authentication
/// adds to a request, measured without the noise of the network stack and of other processes.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private BenchHost _host = null!;
    private Func<IFeatureCollection, Task<int>> _process = null!;

    [GlobalSetup]
    public void Setup()
    {
        var server = new InProcessServer();
        _host = BenchHost.StartAsync([], server).GetAwaiter().GetResult();
        _process = server.ProcessAsync;
        foreach (var (path, auth) in new[] { ("/bench/token", _host.ApiToken), ("/bench/token-policy", _host.ApiToken), ("/bench/jwt", _host.Jwt) })
        {
            if (SendAsync(path, auth).GetAwaiter().GetResult() != 200)
            {
                throw new InvalidOperationException($"{path} does not answer 200.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "GET /bench/none (no authentication)")]
    public Task<int> None() => SendAsync("/bench/none", null);

    [Benchmark(Description = "GET /bench/token (API token)")]
    public Task<int> Token() => SendAsync("/bench/token", _host.ApiToken);

    [Benchmark(Description = "GET /bench/token-policy (diagnostic: the ApiToken scheme through the authorization middleware)")]
    public Task<int> TokenPolicy() => SendAsync("/bench/token-policy", _host.ApiToken);

    [Benchmark(Description = "GET /bench/jwt (JwtBearer RS256)")]
    public Task<int> Jwt() => SendAsync("/bench/jwt", _host.Jwt);

    private Task<int> SendAsync(string path, string? bearer) => _process(InProcessRequest.Get(path, bearer, IPAddress.Loopback));
}
