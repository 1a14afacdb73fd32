using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using AdminPortal.Api.Tests.Cli;
using AdminPortal.SignIn;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Crash;

/// <summary>
/// kill -9 of the real server during a burst of audited writes from the API, the operators' command line and a third
/// writer (both in this test process, with their own services and connections: other processes than the server, on the
/// same file); after each kill the file is checked with plain SQL and the server is started again on it.
/// </summary>
public sealed class KillTests
{
    // Five runs: each kind of command (create, deactivate or reactivate, revoke, restore, edit) is killed in flight once.
    private const int Runs = 5;
    private const int SeedsPerRun = 20;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Tokens:MaxUsableTokensPerOwner"] = "10000",

        // Usage is written every second, so verification calls cause writes of their own during the burst.
        ["Tokens:UsageWriteInterval"] = "00:00:01",
    };

    private static readonly SignInProfile Uma = DemoUsers.All.Single(u => u.SubjectId == "demo-user");
    private static readonly SignInProfile Sam = DemoUsers.All.Single(u => u.SubjectId == "demo-reader");

    [Fact]
    public async Task Every_acknowledged_operation_survives_kill_9_with_its_audit_entry_for_every_kind_of_command()
    {
        ApiHost.RequireSqlite("a database file that a killed portal can leave half-written (checked with its own integrity check)");
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("adminportal-crash-").FullName;
        var acks = new ConcurrentBag<Ack>();
        var report = new List<string>();
        var portal = await PortalProcess.StartAsync(folder, settings: Settings);
        try
        {
            var admin = await CliAsync(folder, acks, "tokens", "create", "--owner", "ada@acme.example", "--name", "crash admin", "--scope", "tokens:read,tokens:write");
            Assert.NotNull(admin.Secret);
            await using var writer = DirectDomain.Open(folder, Settings);
            var seeds = new Dictionary<Guid, string>();
            Guid? toRestore = null;
            for (var run = 1; run <= Runs; run++)
            {
                // Set-up, with the server running: tokens to revoke, created by another process on the same file.
                var batch = new List<Guid>();
                var uma = await writer.GetRequiredService<UserService>().SignInAsync(Uma, ct);
                for (var i = 0; i < SeedsPerRun; i++)
                {
                    var created = await writer.GetRequiredService<TokenService>().CreateAsync(uma.Id, new TokenDraft { Name = $"seed {run}.{i}", Scopes = ["tokens:read"] }, ct);
                    Assert.True(created.Succeeded, created.Error?.Message);
                    acks.Add(new Ack(AuditAction.TokenCreated, created.Value.Token.Id, created.Value.Secret));
                    seeds[created.Value.Token.Id] = created.Value.Secret;
                    batch.Add(created.Value.Token.Id);
                }

                var before = await StoreSnapshot.ReadAsync(folder);
                var cliRevoke = batch[^1];
                var apiRevokes = new ConcurrentQueue<Guid>(batch[..^1]);

                // The burst: a command starts (a separate process: create, deactivate or reactivate, revoke, restore or
                // edit, in turn), the server verifies this run's tokens (and writes their usage within a second), and API
                // revokes follow from three clients; the server is killed once the run's number of them were
                // acknowledged, with others in flight, while the command is still starting or writing.
                var burst = Stopwatch.StartNew();
                var command = (run % 5, toRestore) switch
                {
                    (1, _) => CliAsync(folder, acks, "tokens", "create", "--owner", Uma.Email, "--name", $"cli {run}", "--scope", "tokens:read"),
                    (2, _) => CliAsync(folder, acks, "users", before.User(Sam.Email).Active ? "deactivate" : "reactivate", Sam.Email),
                    (4, { } revoked) => CliAsync(folder, acks, "tokens", "restore", revoked.ToString()),
                    (0, _) => CliAsync(folder, acks, "tokens", "edit", cliRevoke.ToString(), "--description", $"edited in run {run}"),
                    _ => CliAsync(folder, acks, "tokens", "revoke", cliRevoke.ToString()),
                };
                var verifying = Task.Run(async () =>
                {
                    using var client = portal.Client();
                    foreach (var id in batch)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("auth/verify", UriKind.Relative));
                        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", seeds[id]);
                        using var response = await client.SendAsync(request, ct);

                        // The token the command revokes meanwhile may already be refused.
                        Assert.True(response.StatusCode == HttpStatusCode.OK || (id == cliRevoke && response.StatusCode == HttpStatusCode.Unauthorized),
                            $"Verifying seed {id} answered {(int)response.StatusCode}");
                    }
                }, ct);

                await verifying;
                var apiAcked = 0;
                var started = 0;
                var killAfter = run;
                var enough = new TaskCompletionSource();
                var api = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
                {
                    using var client = portal.Client(admin.Secret);
                    while (apiRevokes.TryDequeue(out var id))
                    {
                        Interlocked.Increment(ref started);
                        try
                        {
                            using var response = await client.PostAsync(new Uri($"api/v1/tokens/{id}/revoke", UriKind.Relative), null, ct);
                            Assert.True(response.StatusCode == HttpStatusCode.OK, $"Revoke answered {(int)response.StatusCode}");
                            acks.Add(new Ack(AuditAction.TokenRevoked, id));
                            if (Interlocked.Increment(ref apiAcked) >= killAfter)
                            {
                                enough.TrySetResult();
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return; // The server is gone.
                        }
                    }

                    enough.TrySetResult();
                }, ct)).ToList();

                await enough.Task;
                var killedAt = burst.Elapsed;
                await portal.KillAsync();
                var commandRunning = !command.IsCompleted;
                var restarting = PortalProcess.StartAsync(folder, settings: Settings);
                await Task.WhenAll(api);
                var done = await command;
                var runTime = burst.Elapsed;

                // The file as the killed server left it (and the commands that kept running finished it).
                var after = await StoreSnapshot.ReadAsync(folder);
                Assert.Equal(["ok"], after.Integrity);
                Assert.Equal(0, after.ForeignKeyViolations);
                Assert.Empty(after.Inconsistencies());
                foreach (var ack in acks)
                {
                    Assert.True(IsPresent(after, ack), $"Run {run}: acknowledged {ack} is missing.");
                }

                var committedUnacknowledged = batch[..^1].Count(id => after.Tokens[id].Revoked) - apiAcked;
                report.Add(string.Create(CultureInfo.InvariantCulture,
                    $"run {run}: killed {killedAt.TotalMilliseconds:F0} ms into the burst; API revokes acknowledged {apiAcked} of {started} sent "
                    + $"({committedUnacknowledged} committed without an answer); command {(done.Acknowledged ? done.ToString() : "refused")} {(commandRunning ? "still running at the kill" : "finished before the kill")}; "
                    + $"finished after {runTime.TotalSeconds:F1} s; integrity ok, {after.Tokens.Count} tokens, {after.Audit.Count} audit entries"));

                // Started again on the same file, the server serves: the admin token works, an acknowledged revoke holds.
                portal = await restarting;
                using (var client = portal.Client())
                {
                    using var ready = await client.GetAsync(new Uri("healthz/ready", UriKind.Relative), ct);
                    Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                }

                using (var client = portal.Client(admin.Secret))
                {
                    using var me = await client.GetAsync(new Uri("api/v1/me", UriKind.Relative), ct);
                    Assert.Equal(HttpStatusCode.OK, me.StatusCode);
                }

                if (acks.FirstOrDefault(a => a.Action == AuditAction.TokenRevoked && batch[..^1].Contains(a.Subject)) is { } gone)
                {
                    using var client = portal.Client(seeds[gone.Subject]);
                    using var rejected = await client.GetAsync(new Uri("auth/verify", UriKind.Relative), ct);
                    Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
                }

                toRestore = batch.Where(id => after.Tokens[id].Revoked).Select(id => (Guid?)id).FirstOrDefault();
            }
        }
        finally
        {
            await portal.DisposeAsync();
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', report));
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(Runs, report.Count);
    }

    private static bool IsPresent(StoreSnapshot store, Ack ack) => ack.Action switch
    {
        AuditAction.TokenCreated => store.Tokens.TryGetValue(ack.Subject, out var token)
            && token.SecretHash == ApiHost.HashOf(ack.Secret!) && store.Count(AuditAction.TokenCreated, ack.Subject) == 1,
        AuditAction.TokenEdited => store.Tokens[ack.Subject].Description == ack.Secret && store.Count(AuditAction.TokenEdited, ack.Subject) >= 1,
        _ => store.Count(ack.Action, ack.Subject) >= 1,
    };

    /// <summary>Runs a command (in this process, not the server's); exit 0 is its acknowledgement, recorded with what it names.</summary>
    private static async Task<Ack> CliAsync(string folder, ConcurrentBag<Ack> acks, params string[] args)
    {
        var (exit, output, messages) = await PortalCommand.RunAsync(folder, Settings, args);
        if (exit != 0)
        {
            // Refusals (exit 1) are allowed in a race; anything else is a failure of the command itself.
            Assert.True(exit == 1 && messages.StartsWith("error: ", StringComparison.Ordinal), $"'{string.Join(' ', args)}' exited {exit}: {messages}");
            return Ack.None;
        }

        var ack = args switch
        {
            ["tokens", "create", ..] => new Ack(AuditAction.TokenCreated, Guid.Parse(messages.Split(' ')[2]), output.Trim()),
            ["tokens", "revoke", var id] => new Ack(AuditAction.TokenRevoked, Guid.Parse(id)),
            ["tokens", "restore", var id] => new Ack(AuditAction.TokenRestored, Guid.Parse(id)),
            ["tokens", "edit", var id, "--description", var description] => new Ack(AuditAction.TokenEdited, Guid.Parse(id), description),
            ["users", var verb, _] => new Ack(verb == "deactivate" ? AuditAction.UserDeactivated : AuditAction.UserReactivated,
                (await StoreSnapshot.ReadAsync(folder)).User(Sam.Email).Id),
            _ => throw new ArgumentException("Unknown command."),
        };
        acks.Add(ack);
        return ack;
    }

    /// <summary>An acknowledged operation: its audited action, the token or user it acted on, and a created token's secret or an edit's new description.</summary>
    private sealed record Ack(AuditAction Action, Guid Subject, string? Secret = null)
    {
        public static readonly Ack None = new((AuditAction)(-1), Guid.Empty);

        public bool Acknowledged => this != None;

        public override string ToString() => $"{Action} of {Subject}";
    }
}
