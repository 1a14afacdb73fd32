using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace AdminPortal.Api.Tests.Cluster;

/// <summary>
/// Steady API calls from a few callers, each one call after another with a short pause (a light load on a shared
/// machine), recording when each call started and how it ended.
/// </summary>
internal sealed class ApiLoad
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Call> _calls = new();
    private Task _callers = Task.CompletedTask;

    /// <summary>One call: when it started (<see cref="Stopwatch.GetTimestamp"/>), its status, or the exception that ended it.</summary>
    public sealed record Call(long Started, HttpStatusCode? Status, string? Failure)
    {
        public string Describe() => Status is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : Failure!;
    }

    public IReadOnlyCollection<Call> Calls => _calls;

    public int Count(HttpStatusCode status) => _calls.Count(c => c.Status == status);

    public static ApiLoad Start(Uri address, string secret, Uri path, int callers)
    {
        var load = new ApiLoad();
        load._callers = Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(() => load.CallAsync(address, secret, path))));
        return load;
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails when the callers stopped first or made no call for two minutes.</summary>
    public async Task UntilAsync(Func<bool> condition)
    {
        var count = -1;
        var movedAt = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(_callers.IsCompleted, "The callers stopped.");
            if (_calls.Count != count)
            {
                (count, movedAt) = (_calls.Count, Stopwatch.StartNew());
            }

            Assert.True(movedAt.Elapsed < TimeSpan.FromMinutes(2), "No call ended for two minutes.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _callers;
    }

    private async Task CallAsync(Uri address, string secret, Uri path)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        while (!_stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.GetAsync(path, _stop.Token);
                _calls.Enqueue(new Call(started, response.StatusCode, null));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _calls.Enqueue(new Call(started, null, e.GetType().Name));
            }

            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
