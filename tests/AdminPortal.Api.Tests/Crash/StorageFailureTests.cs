using AdminPortal.Api.Tests.Api;
using AdminPortal.Api.Tests.Cli;
using AdminPortal.Tokens.Model;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Api.Tests.Crash;

/// <summary>
/// A real full disk and a real read-only database: the portal process runs in a private mount namespace
/// (<c>unshare --map-root-user --mount</c>, which needs no root on the host) whose data directory is a 16 MB tmpfs,
/// with a read-only bind mount of the same folder beside it. The tokens are created beforehand, by commands run in the
/// test process on a host folder whose files are copied into the tmpfs before the portal starts; the commands under test
/// run in that namespace (<c>nsenter</c>); the test fills and frees the disk through /proc/&lt;pid&gt;/root (SQLite
/// itself cannot open a file there: it resolves the link to the host's root).
/// </summary>
public sealed class StorageFailureTests
{
    private static readonly Dictionary<string, string> Production = new()
    {
        ["Authentication:Oidc:Authority"] = "https://login.example.com",
        ["Authentication:Oidc:ClientId"] = "adminportal",
        ["Authentication:Oidc:ClientSecret"] = "unused",
        ["Authentication:Oidc:FixedTenant"] = "acme",
        ["Authentication:Oidc:UnmappedUsers"] = "User",

        // No usage write of its own while the test copies the file.
        ["Tokens:UsageWriteInterval"] = "01:00:00",
    };

    [Fact]
    public async Task Full_disk_gets_503_and_a_clear_error_changes_nothing_and_recovers_by_itself_once_space_is_freed()
    {
        ApiHost.RequireSqlite("a database file on the portal's own disk, which can fill up or be mounted read-only");
        var ct = TestContext.Current.CancellationToken;
        var mountPoint = Directory.CreateTempSubdirectory("adminportal-disk-").FullName;
        var seed = Directory.CreateTempSubdirectory("adminportal-disk-seed-").FullName;
        var admin = await CreateAsync(seed, "admin", "tokens:read,tokens:write");
        var victims = new List<(Guid Id, string Secret)>();
        for (var n = 1; n <= 3; n++)
        {
            victims.Add(await CreateAsync(seed, $"victim {n}", "tokens:read"));
        }

        SqliteConnection.ClearAllPools();
        foreach (var shm in Directory.GetFiles(seed, "*-shm"))
        {
            File.Delete(shm);
        }

        const string Mount = "mount -t tmpfs -o size=16m adminportal \"$0\" && mkdir \"$0/data\" \"$0/readonly\""
            + " && cp -a \"$1/.\" \"$0/data/\" && shift"
            + " && mount --bind \"$0/data\" \"$0/readonly\" && mount -o remount,bind,ro \"$0/readonly\" && exec \"$@\"";
        var portal = await PortalProcess.StartAsync(Path.Combine(mountPoint, "data"), "Production", Production,
            $"exec unshare --map-root-user --mount sh -c '{Mount}' '{mountPoint}' '{seed}' \"$@\"");
        try
        {
            var inside = $"/proc/{portal.Id}/root{mountPoint}";
            var data = Path.Combine(mountPoint, "data");
            string[] nsenter = ["nsenter", $"--target={portal.Id}", "--user", "--mount", "--preserve-credentials", "--"];
            using var api = portal.Client(admin.Secret);
            using var anonymous = portal.Client();
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

            // The disk fills up.
            var filler = Path.Combine(inside, "data", "filler");
            await FillAsync(filler);

            using (var refused = await api.PostAsync($"/api/v1/tokens/{victims[0].Id}/revoke"))
            {
                var problem = await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("urn:adminportal:problem:storage-unavailable", problem.Text("type"));
                Assert.Contains("could not be saved: the database cannot be written", problem.Text("detail"), StringComparison.Ordinal);
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            using (var notReady = await anonymous.GetAsync("/healthz/ready"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/tokens")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await portal.Client(victims[0].Secret).GetAsync("/auth/verify")).StatusCode);
            await CommandFailsClearlyAsync(nsenter, data, "tokens", "revoke", victims[1].Id.ToString());

            // Space is freed: no restart, no operator action on the portal.
            File.Delete(filler);
            using (var ready = await anonymous.GetAsync("/healthz/ready"))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/tokens/{victims[0].Id}/revoke")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await portal.Client(victims[0].Secret).GetAsync("/auth/verify")).StatusCode);
            var (exit, _, messages) = await PortalCommand.RunProcessAsync(nsenter, data, NoSettings, "tokens", "revoke", victims[1].Id.ToString());
            Assert.True(exit == 0, messages);

            var store = await SnapshotAsync(inside);
            Assert.Equal(["ok"], store.Integrity);
            Assert.Empty(store.Inconsistencies());
            Assert.Equal(1, store.Count(AuditAction.TokenRevoked, victims[0].Id));
            Assert.Equal(1, store.Count(AuditAction.TokenRevoked, victims[1].Id));

            // The same file through a read-only mount: a command refuses clearly; the running portal is untouched.
            await CommandFailsClearlyAsync(nsenter, Path.Combine(mountPoint, "readonly"), "tokens", "revoke", victims[2].Id.ToString());
            Assert.Equal(HttpStatusCode.OK, (await portal.Client(victims[2].Secret).GetAsync("/auth/verify")).StatusCode);
            Assert.Equal(0, (await SnapshotAsync(inside)).Count(AuditAction.TokenRevoked, victims[2].Id));
        }
        finally
        {
            await portal.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(mountPoint, recursive: true);
            Directory.Delete(seed, recursive: true);
        }
    }

    private static readonly Dictionary<string, string> NoSettings = [];

    /// <summary>A token of the tenant's operator (a full admin), created by a command (in this process) in <paramref name="data"/>.</summary>
    private static async Task<(Guid Id, string Secret)> CreateAsync(string data, string name, string scopes)
    {
        var (exit, output, messages) = await PortalCommand.RunAsync(data, NoSettings,
            "tokens", "create", "--owner", "operator", "--tenant", "acme", "--name", name, "--scope", scopes);
        Assert.True(exit == 0, messages);
        return (Guid.Parse(messages.Split(' ')[2]), output.Trim());
    }

    /// <summary>The store read from a copy of the portal's file (the portal is idle meanwhile).</summary>
    private static async Task<StoreSnapshot> SnapshotAsync(string inside)
    {
        var copy = Directory.CreateTempSubdirectory("adminportal-disk-copy-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(inside, "data"), "adminportal.db*").Where(f => !f.EndsWith("-shm", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var store = await StoreSnapshot.ReadAsync(copy);
        SqliteConnection.ClearAllPools();
        Directory.Delete(copy, recursive: true);
        return store;
    }

    /// <summary>Writes until the file system says it is full (ENOSPC), first in large blocks, then in small ones.</summary>
    private static async Task FillAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        foreach (var size in new[] { 1 << 20, 1 << 12, 1 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    await file.WriteAsync(block, TestContext.Current.CancellationToken);
                    await file.FlushAsync(TestContext.Current.CancellationToken);
                }
            }
            catch (IOException)
            {
                // Full at this block size; try a smaller one.
            }
        }
    }

    private static async Task CommandFailsClearlyAsync(string[] nsenter, string data, params string[] args)
    {
        var (exit, output, messages) = await PortalCommand.RunProcessAsync(nsenter, data, NoSettings, args);
        Assert.True(exit == 1, $"exit {exit}: {messages}");
        Assert.Equal("", output);
        Assert.True(messages.StartsWith("error: ", StringComparison.Ordinal), messages);
        Assert.Matches("cannot be written|could not be saved", messages);
        Assert.DoesNotContain("   at ", messages, StringComparison.Ordinal);
    }
}
