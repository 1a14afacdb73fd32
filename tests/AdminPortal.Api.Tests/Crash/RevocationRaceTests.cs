using System.Collections.Concurrent;
using System.Diagnostics;
using AdminPortal.Api.Tests.Api;
using AdminPortal.Api.Tests.Cli;
using AdminPortal.Tokens.Model;

namespace AdminPortal.Api.Tests.Crash;

/// <summary>
/// Revocation racing with verification over real HTTP: once a revoke is acknowledged, no call that starts afterwards
/// (by a monotonic clock) may get through. Calls that started before the acknowledgement may go either way.
/// </summary>
public sealed class RevocationRaceTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const int Iterations = 50;
    private const int Verifiers = 6;
    private const int CallsAfterAcknowledgement = 4;

    [Fact]
    public async Task No_call_that_starts_after_an_api_revoke_is_acknowledged_gets_through()
    {
        var owner = await host.UserAsync();
        var revoker = await host.TokenAsync(owner, "tokens:write");
        using var revoking = host.Client(revoker.Secret);
        var (before, after) = (0, 0);
        for (var i = 0; i < Iterations; i++)
        {
            var victim = await host.TokenAsync(owner, "tokens:read");
            var calls = await RaceAsync(victim.Secret, async () =>
            {
                using var revoked = await revoking.PostAsync($"/api/v1/tokens/{victim.Token.Id}/revoke");
                Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            });

            before += calls.Count(c => !c.AfterAcknowledgement);
            after += calls.Count(c => c.AfterAcknowledgement);
            Assert.All(calls.Where(c => c.AfterAcknowledgement), c => Assert.Equal(HttpStatusCode.Unauthorized, c.Status));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Iterations} revokes; {before} calls started before the acknowledgement, {after} after it, all of those rejected.");
        Assert.True(after >= Iterations * Verifiers * CallsAfterAcknowledgement);
    }

    /// <remarks>
    /// Needs the shared change counter on SQLite (a change committed by another process reaches the server's verification
    /// cache at once), the change notification on PostgreSQL. Without it the server keeps answering from its cache for Tokens:VerificationCacheDuration, and this
    /// test fails: that is the defect it exists to catch.
    /// </remarks>
    [Fact]
    public async Task Command_line_revoke_is_rejected_by_the_running_server_from_the_next_call_on()
    {
        var owner = await host.UserAsync();
        for (var i = 0; i < 3; i++)
        {
            var victim = await host.TokenAsync(owner, "tokens:read");
            var calls = await RaceAsync(victim.Secret, async () =>
            {
                var heard = host.NextChangeFromAnotherProcess();
                var (exit, _, messages) = await PortalCommand.RunProcessAsync(host, "tokens", "revoke", victim.Token.Id.ToString());
                Assert.True(exit == 0, messages);

                // On PostgreSQL the revoke reaches the running server by a notification, which arrives asynchronously:
                // the acknowledgement that counts is the one the server has heard.
                await heard;
            });

            Assert.All(calls.Where(c => c.AfterAcknowledgement), c => Assert.Equal(HttpStatusCode.Unauthorized, c.Status));
        }
    }

    [Fact]
    public async Task Concurrent_creates_from_separate_processes_never_exceed_the_owner_limit()
    {
        var owner = await host.UserAsync();
        for (var i = 0; i < 8; i++)
        {
            await host.TokenAsync(owner, "tokens:read");
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            PortalCommand.RunProcessAsync(host, "tokens", "create", "--owner", owner.Email, "--name", $"parallel {i}", "--scope", "tokens:read")));

        Assert.Equal(2, results.Count(r => r.ExitCode == 0));
        Assert.All(results.Where(r => r.ExitCode != 0), r =>
        {
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("already has 10 usable tokens", r.Messages, StringComparison.Ordinal);
        });
        var admin = await host.UserAsync(Role.FullAdmin);
        var page = await host.Tokens.QueryAsync(admin.Id, new AdminPortal.Tokens.Service.TokenQuery { AllOfTenant = true, OwnerId = owner.Id });
        Assert.Equal(10, page.Value!.Total);
    }

    /// <summary>
    /// Verifies <paramref name="secret"/> from several clients at once until each has made a few calls, then runs
    /// <paramref name="revoke"/> and notes the moment its acknowledgement arrived; each client goes on until it has
    /// started <see cref="CallsAfterAcknowledgement"/> calls after that moment.
    /// </summary>
    private async Task<IReadOnlyList<Call>> RaceAsync(string secret, Func<Task> revoke)
    {
        var calls = new ConcurrentBag<Call>();
        long acknowledged = long.MaxValue;
        var warm = new CountdownEvent(Verifiers * 2);
        var verifiers = Enumerable.Range(0, Verifiers).Select(n => Task.Run(async () =>
        {
            using var client = host.Client(secret);
            var path = n % 2 == 0 ? "/auth/verify" : "/api/v1/me";
            var after = 0;
            var made = 0;
            while (after < CallsAfterAcknowledgement)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path);
                var late = started > Interlocked.Read(ref acknowledged);
                calls.Add(new Call(late, response.StatusCode));
                after += late ? 1 : 0;
                if (++made <= 2)
                {
                    warm.Signal();
                }
            }
        })).ToList();

        warm.Wait(TestContext.Current.CancellationToken);
        await revoke();
        Interlocked.Exchange(ref acknowledged, Stopwatch.GetTimestamp());
        await Task.WhenAll(verifiers);
        warm.Dispose();
        return [.. calls];
    }

    private sealed record Call(bool AfterAcknowledgement, HttpStatusCode Status);
}
