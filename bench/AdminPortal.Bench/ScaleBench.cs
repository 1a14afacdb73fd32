using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using AdminPortal.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static System.FormattableString;

namespace AdminPortal.Bench;

/// <summary>
/// bench/scale: generates one tenant with N tokens of N/10 owners and an audit log (<see cref="ScaleRows"/>)
/// into a fresh SQLite data directory (<see cref="ScaleSqliteLoader"/>) or, with --postgres, a fresh database of a
/// PostgreSQL cluster (<see cref="ScalePostgresLoader"/>), starts the real portal on it, and times every listing of the
/// issue through GET /api/v1/tokens?all=true and GET /api/v1/audit: p50/p95 of 20 calls after warm-up. Also the start-up
/// time to /healthz/ready with that file and with an empty one, and the portal's memory after 1,000 varied listings.
/// </summary>
internal static class ScaleBench
{
    private const int Calls = 20;
    private const int WarmUp = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var portalDll = Option(args, "--portal") ?? throw new ArgumentException("scale needs --portal <AdminPortal.dll>");
        var tokens = int.Parse(Option(args, "--tokens") ?? "1000000", CultureInfo.InvariantCulture);
        var audit = int.Parse(Option(args, "--audit") ?? "10000000", CultureInfo.InvariantCulture);
        var keep = Option(args, "--data");
        var reuse = args.Contains("--reuse");
        // PostgreSQL: a connection string to the cluster (any database); the data set goes into a database of its own.
        var postgres = Option(args, "--postgres");
        var engine = postgres is null ? "SQLite" : "PostgreSQL";

        var data = keep ?? Directory.CreateTempSubdirectory("adminportal-scale-").FullName;
        var empty = Directory.CreateTempSubdirectory("adminportal-scale-empty-").FullName;
        try
        {
            var setFile = Path.Combine(data, "scale-set.json");
            // bench/scale keeps a PostgreSQL cluster of the data set in the folder "cluster" of DATA.
            if (!reuse && Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any(e => Path.GetFileName(e) != "cluster"))
            {
                throw new ArgumentException($"--data {data} must be a new or empty folder (or give --reuse to run on what it holds)");
            }

            Directory.CreateDirectory(data);
            output.WriteLine(Invariant($"Scale on {engine}: {tokens:N0} tokens of {tokens / 10:N0} owners, {audit:N0} audit entries; load average at the start: {LoadAverage()}"));
            DataSet set;
            if (reuse)
            {
                set = JsonSerializer.Deserialize<DataSet>(await File.ReadAllTextAsync(setFile))!;
                output.WriteLine("  (data set of an earlier run, reused)");
            }
            else
            {
                if (postgres is not null)
                {
                    await CreateDatabaseAsync(postgres, ScaleDatabase, dropFirst: false);
                }

                set = await GenerateAsync(data, postgres, tokens, audit, output);
                await File.WriteAllTextAsync(setFile, JsonSerializer.Serialize(set));
            }

            if (postgres is not null)
            {
                await CreateDatabaseAsync(postgres, EmptyDatabase, dropFirst: true);
            }

            var emptyStart = await StartUpAsync(portalDll, Settings(empty, postgres, EmptyDatabase));
            output.WriteLine(Invariant($"Start-up to /healthz/ready, empty {(postgres is null ? "data directory" : "database")}: {emptyStart.TotalMilliseconds:N0} ms"));

            var started = Stopwatch.StartNew();
            await using var portal = await PortalUnderTest.StartAsync(portalDll, Settings(data, postgres));
            output.WriteLine(Invariant($"Start-up to /healthz/ready, {tokens:N0} tokens: {started.Elapsed.TotalMilliseconds:N0} ms"));
            var rssStart = portal.ResidentKilobytes();
            var anonStart = portal.ResidentKilobytes("RssAnon:");

            using var http = new HttpClient { BaseAddress = portal.Address, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", set.AdminSecret);

            var listings = await ListingsAsync(http, set, tokens);
            output.WriteLine();
            output.WriteLine(Invariant($"| listing ({tokens:N0} tokens, {audit:N0} audit entries) | p50 ms | p95 ms | total | load avg |"));
            output.WriteLine("|---|---|---|---|---|");
            foreach (var (label, path) in listings)
            {
                var (p50, p95, total) = await TimeAsync(http, path);
                output.WriteLine(Invariant($"| {label} | {p50:0.0} | {p95:0.0} | {total} | {LoadAverage().Split(' ')[0]} |"));
            }

            var afterTable = portal.ResidentKilobytes();
            var rng = new Random(7);
            for (var i = 0; i < 1000; i++)
            {
                var (_, path) = listings[rng.Next(listings.Count)];
                using var response = await http.GetAsync(new Uri(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "pageSize=" + (10 + rng.Next(90)), UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
            }

            var rssEnd = portal.ResidentKilobytes();
            var anonEnd = portal.ResidentKilobytes("RssAnon:");
            var fileEnd = portal.ResidentKilobytes("RssFile:");
            output.WriteLine();
            output.WriteLine(Invariant($"Portal memory (resident): {rssStart / 1024.0:N1} MB when ready, {afterTable / 1024.0:N1} MB after the table, {rssEnd / 1024.0:N1} MB after 1,000 more varied listings ({(rssEnd - rssStart) / 1024.0:+0.0;-0.0} MB)."));
            // The process's own memory (heap, stacks, code: anonymous) apart from the pages of files mapped into it (on
            // SQLite the database file, read through a memory map: the operating system's page cache, shared and reclaimable).
            output.WriteLine(Invariant($"  of which anonymous: {anonStart / 1024.0:N1} MB when ready, {anonEnd / 1024.0:N1} MB at the end ({(anonEnd - anonStart) / 1024.0:+0.0;-0.0} MB); mapped files at the end: {fileEnd / 1024.0:N1} MB."));
            output.WriteLine(Invariant($"Notice producer, rounds over the tenant as each node runs them every minute (a second process beside the portal): {await NoticeRoundsAsync(Settings(data, postgres))}"));
            output.WriteLine(Invariant($"Load average at the end: {LoadAverage()}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(empty, recursive: true);
            if (keep is null)
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    /// <summary>Three rounds of the notice producer on the data set, through the token domain in this process.</summary>
    private static async Task<string> NoticeRoundsAsync(Dictionary<string, string?> database)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(database).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging().AddSingleton(TimeProvider.System);
        services.AddTokenDomain(database["Database:DataDirectory"]!);
        await using var provider = services.BuildServiceProvider();
        var producer = provider.GetRequiredService<AdminPortal.Tokens.Notifications.NoticeProducer>();
        var rounds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var round = await producer.RunOnceAsync();
            rounds.Add(Invariant($"{watch.Elapsed.TotalMilliseconds:N0} ms ({round.Added:N0} notices added)"));
        }

        return string.Join(", ", rounds);
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private sealed record DataSet(string AdminSecret, Guid TenantId, Guid SomeOwner, Guid SomeToken, Guid SomeActor, DateTimeOffset Now);

    /// <summary>The listings a large tenant asks for: every filter, every sort, combinations, a deep page by number and by cursor.</summary>
    private static async Task<List<(string Label, string Path)>> ListingsAsync(HttpClient http, DataSet set, int tokens)
    {
        // Half-way through every token (any status) in pages of 100: page 5,000 at a million.
        var deep = Math.Max(2, tokens / 200);
        const string all = "api/v1/tokens?all=true";
        var day = set.Now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture);
        var week = set.Now.AddDays(-7).ToString("O", CultureInfo.InvariantCulture);
        var month = set.Now.AddDays(-30).ToString("O", CultureInfo.InvariantCulture);
        var nowText = set.Now.ToString("O", CultureInfo.InvariantCulture);
        var inWeek = set.Now.AddDays(7).ToString("O", CultureInfo.InvariantCulture);
        var list = new List<(string, string)>
        {
            ("default view (usable, newest first)", all),
            ("name keyword terraform", all + "&name=terraform"),
            ("name keyword ci (2 letters)", all + "&name=ci"),
            ("name keywords deploy prod", all + "&name=deploy%20prod"),
            ("name keyword with no match", all + "&name=zzzqqq&status=any"),
            // Two letters that no name holds: no trigram, so every usable token's name is read to count none.
            ("name keyword qz (2 letters, no match)", all + "&name=qz"),
            ("GUID prefix ab12", all + "&guid=ab12&status=any"),
            ("scope audit:read", all + "&scope=audit:read"),
            ("status revoked", all + "&status=revoked"),
            ("status expired", all + "&status=expired"),
            ("status suspended", all + "&status=suspended"),
            ("status scheduled", all + "&status=scheduled"),
            ("status any", all + "&status=any"),
            ("usage inactive", all + "&usage=inactive&status=any"),
            ("usage generated", all + "&usage=generated"),
            ("usage active", all + "&usage=active"),
            ("owner", all + "&owner=" + set.SomeOwner + "&status=any"),
            ("name deploy + scope tokens:write + any status", all + "&name=deploy&scope=tokens:write&status=any"),
            ("name terraform + revoked + inactive", all + "&name=terraform&status=revoked&usage=inactive"),
            ("scope introspect + expired + generated", all + "&scope=introspect&status=expired&usage=generated"),
            ("expiring soon (7 days)", all + "&expiringSoon=true"),
            ("created in the last 30 days", all + "&status=any&createdFrom=" + Uri.EscapeDataString(month)),
            ("expires in the next 7 days", all + "&status=any&expiresFrom=" + Uri.EscapeDataString(nowText) + "&expiresTo=" + Uri.EscapeDataString(inWeek)),
            ("last used in the last 24 hours", all + "&status=any&lastUsedFrom=" + Uri.EscapeDataString(day)),
            ("created in the last 30 days + revoked + scope alerts:write", all + "&status=revoked&scope=alerts:write&createdFrom=" + Uri.EscapeDataString(month)),
            // A common keyword or scope with a rare status, two scopes at once, and a sparse meeting of a common keyword with
            // a rare scope (a few hundred matches among the keyword's 65,000 names).
            ("name terraform + scheduled", all + "&name=terraform&status=scheduled"),
            ("name terraform + suspended", all + "&name=terraform&status=suspended"),
            ("scope introspect + scheduled", all + "&scope=introspect&status=scheduled"),
            ("scopes tokens:write or audit:read + expired", all + "&scope=tokens:write&scope=audit:read&status=expired"),
            ("scope alerts:write + active, sort name", all + "&scope=alerts:write&usage=active&sort=name&order=asc"),
            ("name deploy + scope introspect + revoked", all + "&name=deploy&scope=introspect&status=revoked"),
            // A common keyword in a common scope (thousands of matches), and a keyword no name holds in the same scope.
            ("name deploy + scope tokens:write (usable)", all + "&name=deploy&scope=tokens:write"),
            ("name with no match + scope tokens:write (usable)", all + "&name=zzzqqq&scope=tokens:write"),
            // Two keywords (1.3% of the names) with a common scope: too rare for the scope's entries, too common for the name
            // index alone; the scope's marker in the name index (SQLite) and the GIN index of trigrams and scopes (PostgreSQL).
            ("name deploy prod + scope tokens:write (usable)", all + "&name=deploy%20prod&scope=tokens:write"),
            // The same with one very common word (staging, in a fifth of the names).
            ("name backup staging + scope audit:read (usable)", all + "&name=backup%20staging&scope=audit:read"),
        };
        foreach (var sort in new[] { "name", "lastUsed", "expires", "activeFrom", "created", "isActive" })
        {
            foreach (var order in new[] { "asc", "desc" })
            {
                list.Add(($"sort {sort} {order}", all + $"&sort={sort}&order={order}&status=any"));
            }
        }

        list.Add(("sort name asc + name keyword deploy", all + "&sort=name&order=asc&name=deploy"));
        list.Add(("sort lastUsed desc + status revoked", all + "&sort=lastUsed&order=desc&status=revoked"));
        // Page numbers end at the 10,000th match (the cursor goes on): the deepest page by number.
        list.Add(("page 100 of 100 (page number, any status)", all + "&page=100&pageSize=100&status=any"));
        list.Add(("page 100 of 100, sort name (page number)", all + "&page=100&pageSize=100&sort=name&order=asc&status=any"));
        foreach (var (label, query) in new[]
        {
            ("newest first", "&pageSize=100&status=any"),
            ("sort name", "&pageSize=100&sort=name&order=asc&status=any"),
            ("sort lastUsed desc", "&pageSize=100&sort=lastUsed&order=desc&status=any"),
            ("sort expires asc", "&pageSize=100&sort=expires&order=asc&status=any"),
        })
        {
            list.Add(($"page {deep:N0} of 100 by cursor, {label}", all + query + await CursorBeforeAsync(http, all + query, deep)));
        }

        list.Add(("audit: newest first", "api/v1/audit"));
        list.Add(("audit: token", "api/v1/audit?token=" + set.SomeToken));
        list.Add(("audit: actor", "api/v1/audit?actor=" + set.SomeActor));
        list.Add(("audit: last 24 hours", "api/v1/audit?from=" + Uri.EscapeDataString(day)));
        list.Add(("audit: actor + last 7 days", "api/v1/audit?actor=" + set.SomeActor + "&from=" + Uri.EscapeDataString(week)));
        // Page numbers end at the 10,000th entry, as for tokens (the cursor goes on).
        list.Add(("audit: page 100 of 100 (page number)", "api/v1/audit?page=100&pageSize=100"));
        list.Add(("audit: page 1,000 of 100 by cursor", "api/v1/audit?pageSize=100" + await CursorBeforeAsync(http, "api/v1/audit?pageSize=100", 1_000)));
        return list;
    }

    /// <summary>"&amp;after=" and the cursor of the page before page <paramref name="page"/> of <paramref name="path"/>, walked to page by page (not timed).</summary>
    private static async Task<string> CursorBeforeAsync(HttpClient http, string path, int page)
    {
        var after = "";
        for (var number = 1; number < page; number++)
        {
            after = "&after=" + Uri.EscapeDataString((await GetJsonAsync(http, path + after)).GetProperty("next").GetString()!);
        }

        return after;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<(double P50, double P95, string Total)> TimeAsync(HttpClient http, string path)
    {
        var total = "";
        // A listing slower than a second gets 1 warm-up call and 5 timed ones, so that the run ends in reasonable time.
        var first = Stopwatch.StartNew();
        await GetJsonAsync(http, path);
        var slow = first.Elapsed > TimeSpan.FromSeconds(1);
        for (var i = 0; i < (slow ? 1 : WarmUp); i++)
        {
            var page = await GetJsonAsync(http, path);
            total = page.GetProperty("total").GetInt32().ToString("N0", CultureInfo.InvariantCulture)
                + (page.TryGetProperty("totalIsLowerBound", out var bound) && bound.GetBoolean() ? "+" : "");
        }

        var times = new List<double>();
        for (var i = 0; i < (slow ? 5 : Calls); i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
            }
        }

        times.Sort();
        return (Pacing.Percentile(times, 0.50), Pacing.Percentile(times, 0.95), total + (slow ? " (5 calls)" : ""));
    }

    private static async Task<TimeSpan> StartUpAsync(string dll, Dictionary<string, string?> settings)
    {
        var watch = Stopwatch.StartNew();
        await using var portal = await PortalUnderTest.StartAsync(dll, settings);
        return watch.Elapsed;
    }

    /// <summary>
    /// The data set: the admin and its API token through the services (which also migrate the empty database); owners,
    /// tokens (with their scope rows) and audit entries made by <see cref="ScaleRows"/> and loaded by the engine's loader.
    /// </summary>
    private static async Task<DataSet> GenerateAsync(string data, string? postgres, int tokenCount, int auditCount, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var config = new ConfigurationBuilder().AddInMemoryCollection(Settings(data, postgres)).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging().AddSingleton(TimeProvider.System);
        services.AddTokenDomain(data);
        string secret;
        PortalUser admin;
        string path;
        await using (var provider = services.BuildServiceProvider())
        {
            var contexts = provider.GetRequiredService<IDbContextFactory<TokenDbContext>>();
            await TokenDatabase.MigrateAsync(contexts);
            admin = await provider.GetRequiredService<UserService>().SignInAsync(
                new SignInProfile("scale", "Scale Org", "scale-admin", "Scale Admin", "admin@scale.example", Role.FullAdmin));
            var created = await provider.GetRequiredService<TokenService>().CreateAsync(admin.Id,
                new TokenDraft { Name = "bench scale admin", Scopes = ["tokens:read", "audit:read"] });
            secret = created.Succeeded ? created.Value.Secret : throw new InvalidOperationException(created.Error.Message);
            await using var db = await contexts.CreateDbContextAsync();
            path = db.Database.GetDbConnection().DataSource;
        }

        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        var now = DateTimeOffset.UtcNow;
        var rows = new ScaleRows(admin.TenantId, admin.Id, tokenCount, auditCount, now);
        if (postgres is null)
        {
            await ScaleSqliteLoader.LoadAsync(path, rows, watch, output);
        }
        else
        {
            await ScalePostgresLoader.LoadAsync(Database(postgres, ScaleDatabase), rows, watch, output);
        }

        // The newest audit entry's actor (with entries in the last week) and token: the audit filters' targets.
        var last = rows.LastAudit;
        return new DataSet(secret, admin.TenantId, rows.SomeOwner, last?.TokenId ?? Guid.Empty, last?.ActorId ?? admin.Id, now);
    }

    private const string ScaleDatabase = "adminportal_scale";
    private const string EmptyDatabase = "adminportal_scale_empty";

    /// <summary>The portal's database settings: SQLite in <paramref name="data"/>, or the scale database of the PostgreSQL cluster.</summary>
    private static Dictionary<string, string?> Settings(string data, string? postgres, string database = ScaleDatabase) =>
        postgres is null
            ? new() { ["Database:DataDirectory"] = data }
            : new()
            {
                ["Database:DataDirectory"] = data,
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = Database(postgres, database),
            };

    private static string Database(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static async Task CreateDatabaseAsync(string connectionString, string database, bool dropFirst)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (dropFirst)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>The portal as its own process on a data directory, ready when it answers /healthz/ready.</summary>
    private sealed class PortalUnderTest : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        private PortalUnderTest(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<PortalUnderTest> StartAsync(string dll, Dictionary<string, string?> database)
        {
            var settings = new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Api:FailedAuthenticationLimit"] = "1000000",
            };
            foreach (var (key, value) in database.Where(d => d.Key != "Database:DataDirectory"))
            {
                settings[key] = value!;
            }

            var (start, address) = BenchPortalStart.For(dll, database["Database:DataDirectory"]!, settings);
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var portal = new PortalUnderTest(process, address);
            process.OutputDataReceived += (_, e) => portal.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => portal.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await portal.WaitUntilReadyAsync();
            return portal;
        }

        /// <summary>A kilobyte figure of /proc/&lt;pid&gt;/status: VmRSS (all resident memory) unless another is named.</summary>
        public long ResidentKilobytes(string field = "VmRSS:") =>
            File.ReadLines($"/proc/{_process.Id}/status").Where(l => l.StartsWith(field, StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).Single();

        private void Keep(string? line)
        {
            if (line is not null)
            {
                lock (_lines)
                {
                    _lines.Add(line);
                }
            }
        }

        // Polled every 20 ms while the process runs: bounded by the process, which ends on a failed start.
        private async Task WaitUntilReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
            while (!_process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri("healthz/ready", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(20);
            }

            lock (_lines)
            {
                throw new InvalidOperationException("The portal stopped before it was ready:\n" + string.Join('\n', _lines));
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
