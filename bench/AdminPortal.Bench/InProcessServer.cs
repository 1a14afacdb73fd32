using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace AdminPortal.Bench;

/// <summary>
/// A server without sockets: it hands requests (feature collections) to the application exactly as Kestrel does after
/// parsing HTTP, so that the whole pipeline the host built is measured, and nothing else.
/// </summary>
internal sealed class InProcessServer : IServer
{
    private Func<IFeatureCollection, Task<int>>? _process;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _process = async features =>
        {
            var context = application.CreateContext(features);
            try
            {
                await application.ProcessRequestAsync(context);
                return features.GetRequiredFeature<IHttpResponseFeature>().StatusCode;
            }
            finally
            {
                application.DisposeContext(context, null);
            }
        };
        return Task.CompletedTask;
    }

    /// <summary>Runs one request through the application; returns the status code.</summary>
    public Task<int> ProcessAsync(IFeatureCollection features) =>
        (_process ?? throw new InvalidOperationException("The server has not started.")).Invoke(features);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
