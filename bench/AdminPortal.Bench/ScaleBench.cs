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
using static System.FormattableString;

namespace AdminPortal.Bench;

/// <summary>
/// bench/scale (issue 12): generates one tenant with N tokens of N/10 owners and an audit log into a fresh data
/// directory (raw batched inserts in one transaction), starts the real portal on it, and times every listing of the
/// issue through GET /api/v1/tokens?all=true and GET /api/v1/audit: p50/p95 of 20 calls after warm-up. Also the start-up
/// time to /healthz/ready with that file and with an empty one, and the portal's memory after 1,000 varied listings.
/// </summary>
internal static class ScaleBench
{
    private const int Calls = 20;
    private const int WarmUp = 3;

    private static readonly string[] Keywords =
    [
        "terraform", "deploy", "ci", "backup", "monitoring", "grafana", "jenkins", "github", "gitlab", "ansible", "k8s", "helm",
        "billing", "reporting", "sync", "import", "export", "etl", "nightly", "alerts", "metrics", "logs", "scanner", "bot",
        "webhook", "migration", "release", "build", "cache", "search",
    ];

    private static readonly string[] Environments = ["prod", "staging", "dev", "test", "qa"];

    private static readonly (string Scope, double Share)[] ScopeShares =
        [("tokens:read", 0.6), ("tokens:write", 0.25), ("audit:read", 0.15), ("alerts:read", 0.3), ("alerts:write", 0.1), ("introspect", 0.05)];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var portalDll = Option(args, "--portal") ?? throw new ArgumentException("scale needs --portal <AdminPortal.dll>");
        var tokens = int.Parse(Option(args, "--tokens") ?? "1000000", CultureInfo.InvariantCulture);
        var audit = int.Parse(Option(args, "--audit") ?? "10000000", CultureInfo.InvariantCulture);
        var keep = Option(args, "--data");
        var reuse = args.Contains("--reuse");

        var data = keep ?? Directory.CreateTempSubdirectory("adminportal-scale-").FullName;
        var empty = Directory.CreateTempSubdirectory("adminportal-scale-empty-").FullName;
        try
        {
            var setFile = Path.Combine(data, "scale-set.json");
            if (!reuse && Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
            {
                throw new ArgumentException($"--data {data} must be a new or empty folder (or give --reuse to run on what it holds)");
            }

            Directory.CreateDirectory(data);
            output.WriteLine(Invariant($"Scale: {tokens:N0} tokens of {tokens / 10:N0} owners, {audit:N0} audit entries; load average at the start: {LoadAverage()}"));
            DataSet set;
            if (reuse)
            {
                set = JsonSerializer.Deserialize<DataSet>(await File.ReadAllTextAsync(setFile))!;
                output.WriteLine("  (data set of an earlier run, reused)");
            }
            else
            {
                set = await GenerateAsync(data, tokens, audit, output);
                await File.WriteAllTextAsync(setFile, JsonSerializer.Serialize(set));
            }

            var emptyStart = await StartUpAsync(portalDll, empty);
            output.WriteLine(Invariant($"Start-up to /healthz/ready, empty data directory: {emptyStart.TotalMilliseconds:N0} ms"));

            var started = Stopwatch.StartNew();
            await using var portal = await PortalUnderTest.StartAsync(portalDll, data);
            output.WriteLine(Invariant($"Start-up to /healthz/ready, {tokens:N0} tokens: {started.Elapsed.TotalMilliseconds:N0} ms"));
            var rssStart = portal.ResidentKilobytes();

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
            output.WriteLine();
            output.WriteLine(Invariant($"Portal memory (resident): {rssStart / 1024.0:N1} MB when ready, {afterTable / 1024.0:N1} MB after the table, {rssEnd / 1024.0:N1} MB after 1,000 more varied listings ({(rssEnd - rssStart) / 1024.0:+0.0;-0.0} MB)."));
            output.WriteLine(Invariant($"Load average at the end: {LoadAverage()}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(empty, recursive: true);
            if (keep is null)
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private sealed record DataSet(string AdminSecret, Guid TenantId, Guid SomeOwner, Guid SomeToken, Guid SomeActor, DateTimeOffset Now);

    /// <summary>The listings of issue 12, and more: every filter, every sort, combinations, a deep page by number and by cursor.</summary>
    private static async Task<List<(string Label, string Path)>> ListingsAsync(HttpClient http, DataSet set, int tokens)
    {
        // Half-way through every token (any status) in pages of 100: page 5,000 at a million.
        var deep = Math.Max(2, tokens / 200);
        const string all = "api/v1/tokens?all=true";
        var day = set.Now.AddDays(-1).ToString("O", CultureInfo.InvariantCulture);
        var week = set.Now.AddDays(-7).ToString("O", CultureInfo.InvariantCulture);
        var list = new List<(string, string)>
        {
            ("default view (usable, newest first)", all),
            ("name keyword terraform", all + "&name=terraform"),
            ("name keyword ci (2 letters)", all + "&name=ci"),
            ("name keywords deploy prod", all + "&name=deploy%20prod"),
            ("name keyword with no match", all + "&name=zzzqqq&status=any"),
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
        list.Add(($"page {deep:N0} of 100 (page number, any status)", all + $"&page={deep}&pageSize=100&status=any"));
        list.Add(($"page {deep:N0} of 100, sort name (page number)", all + $"&page={deep}&pageSize=100&sort=name&order=asc&status=any"));
        foreach (var (label, query) in new[]
        {
            ("newest first", "&pageSize=100&status=any"),
            ("sort name", "&pageSize=100&sort=name&order=asc&status=any"),
            ("sort lastUsed desc", "&pageSize=100&sort=lastUsed&order=desc&status=any"),
            ("sort expires asc", "&pageSize=100&sort=expires&order=asc&status=any"),
        })
        {
            // A cursor as deep: from the page before it by number (once, not timed).
            var page = await GetJsonAsync(http, all + query + $"&page={deep - 1}");
            list.Add(($"page {deep:N0} of 100 by cursor, {label}", all + query + "&after=" + Uri.EscapeDataString(page.GetProperty("next").GetString()!)));
        }

        list.Add(("audit: newest first", "api/v1/audit"));
        list.Add(("audit: token", "api/v1/audit?token=" + set.SomeToken));
        list.Add(("audit: actor", "api/v1/audit?actor=" + set.SomeActor));
        list.Add(("audit: last 24 hours", "api/v1/audit?from=" + Uri.EscapeDataString(day)));
        list.Add(("audit: actor + last 7 days", "api/v1/audit?actor=" + set.SomeActor + "&from=" + Uri.EscapeDataString(week)));
        list.Add(("audit: page 1,000 of 100", "api/v1/audit?page=1000&pageSize=100"));
        return list;
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

    private static async Task<TimeSpan> StartUpAsync(string dll, string data)
    {
        var watch = Stopwatch.StartNew();
        await using var portal = await PortalUnderTest.StartAsync(dll, data);
        return watch.Elapsed;
    }

    /// <summary>The data set: the admin and its API token through the services; owners, tokens (with their scope rows) and audit by raw SQL.</summary>
    private static async Task<DataSet> GenerateAsync(string data, int tokenCount, int auditCount, TextWriter output)
    {
        var watch = Stopwatch.StartNew();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = data }).Build();
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
        var now = DateTimeOffset.UtcNow;
        var rng = new Random(12);
        var owners = Math.Max(1, tokenCount / 10);
        var ownerIds = new Guid[owners];
        var ownerActive = new bool[owners];
        var tokenIds = new Guid[tokenCount];
        Guid someToken = default;
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            // No journal while loading (a fresh file: on failure it is thrown away), write-ahead logging again after.
            await ExecuteAsync(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;");
            // Indexes and triggers are dropped for the load and made again after it: building an index from sorted data is
            // much faster than keeping it up to date row by row. The FTS5 name index is then filled in one statement.
            var schema = await ReadSchemaAsync(connection);
            await using (var tx = connection.BeginTransaction())
            {
                foreach (var (type, name, _) in schema)
                {
                    await ExecuteAsync(connection, $"DROP {type} \"{name}\";", tx);
                }

                await using (var users = Prepare(connection, tx, """
                    INSERT INTO Users (Id, TenantId, SubjectId, DisplayName, Email, Role, IsActive, CreatedAt, LastSignInAt, DeactivatedAt, WriteSerial)
                    VALUES ($id, $tenant, $subject, $name, $email, 'User', $active, $created, $signIn, $deactivated, 0)
                    """, "$id", "$tenant", "$subject", "$name", "$email", "$active", "$created", "$signIn", "$deactivated"))
                {
                    for (var i = 0; i < owners; i++)
                    {
                        ownerIds[i] = Guid.NewGuid();
                        var active = ownerActive[i] = rng.NextDouble() >= 0.05;
                        var created = now.AddDays(-1200 + rng.Next(100)).UtcTicks;
                        Set(users, Key(ownerIds[i]), Key(admin.TenantId), $"owner-{i}", $"Owner {i}", $"owner{i}@scale.example", active ? 1 : 0, created,
                            now.AddDays(-rng.Next(60)).UtcTicks, active ? null : now.AddDays(-rng.Next(300)).UtcTicks);
                        await users.ExecuteNonQueryAsync();
                    }
                }

                await using (var insert = Prepare(connection, tx, """
                    INSERT INTO Tokens (Id, GuidText, TenantId, OwnerId, CreatedById, Name, NameKey, Description, Scopes, CreatedAt, ValidFrom, ValidTo,
                        RevokedAt, RevokedById, LastUsedAt, LastUsedFrom, SecretHash, Version, EndsAt, StartsAt, OwnerIsActive)
                    VALUES ($id, $guid, $tenant, $owner, $owner, $name, $key, '', $scopes, $created, $from, $to, $revoked, $revokedBy, $used, $usedFrom, $hash, 1, $ends, $starts, $ownerActive)
                    """, "$id", "$guid", "$tenant", "$owner", "$name", "$key", "$scopes", "$created", "$from", "$to", "$revoked", "$revokedBy", "$used", "$usedFrom", "$hash", "$ends", "$starts", "$ownerActive"))
                await using (var scopeRows = Prepare(connection, tx, "INSERT INTO TokenScopes (TokenId, Scope, TenantId) VALUES ($token, $scope, $tenant)", "$token", "$scope", "$tenant"))
                {
                    var hash = new byte[32];
                    for (var i = 0; i < tokenCount; i++)
                    {
                        var id = tokenIds[i] = Guid.NewGuid();
                        someToken = i == tokenCount / 2 ? id : someToken;
                        var owner = ownerIds[i % owners];
                        var ownerIsActive = ownerActive[i % owners];
                        var name = $"{Keywords[rng.Next(Keywords.Length)]} {Keywords[rng.Next(Keywords.Length)]} {Environments[rng.Next(Environments.Length)]} {i / owners + 1}";
                        var created = now.AddMinutes(-rng.Next(3 * 365 * 24 * 60));
                        var ageDays = (now - created).TotalDays;
                        DateTimeOffset? from = rng.NextDouble() < 0.02 ? now.AddDays(1 + rng.Next(30)) : null;
                        // 30% never end; the rest are 90-day tokens.
                        DateTimeOffset? to = rng.NextDouble() < 0.3 ? null : (from ?? created).AddDays(90);
                        DateTimeOffset? revoked = rng.NextDouble() < 0.2 ? created.AddMinutes(rng.NextDouble() * (now - created).TotalMinutes) : null;
                        // Half used in the last 30 days; a quarter earlier; a quarter never.
                        var u = rng.NextDouble();
                        DateTimeOffset? used = u < 0.5 ? now.AddMinutes(-rng.NextDouble() * Math.Min(30, ageDays) * 24 * 60)
                            : u < 0.75 ? created.AddMinutes(rng.NextDouble() * Math.Max(0, ageDays - 30) * 24 * 60) : null;
                        rng.NextBytes(hash);
                        var scopes = Scopes(rng);
                        Set(insert, Key(id), ApiToken.FormatGuid(id), Key(admin.TenantId), Key(owner), name, ApiToken.NormalizeName(name), JsonSerializer.Serialize(scopes),
                            created.UtcTicks, from?.UtcTicks, to?.UtcTicks, revoked?.UtcTicks, revoked is null ? null : Key(admin.Id), used?.UtcTicks,
                            used is null ? null : "192.0.2." + rng.Next(1, 255), Convert.ToHexStringLower(hash),
                            ApiToken.DerivedEnd(revoked, to).UtcTicks, (from ?? created).UtcTicks, ownerIsActive ? 1 : 0);
                        await insert.ExecuteNonQueryAsync();
                        foreach (var scope in scopes)
                        {
                            Set(scopeRows, Key(id), scope, Key(admin.TenantId));
                            await scopeRows.ExecuteNonQueryAsync();
                        }
                    }
                }

                output.WriteLine(Invariant($"  {owners:N0} owners and {tokenCount:N0} tokens inserted after {watch.Elapsed.TotalSeconds:N1} s"));
                await using (var insert = Prepare(connection, tx, """
                    INSERT INTO AuditEntries (TenantId, At, ActorId, ActorName, Action, TokenId, TargetUserId, Summary, ClientAddress)
                    VALUES ($tenant, $at, $actor, $actorName, $action, $token, NULL, $summary, NULL)
                    """, "$tenant", "$at", "$actor", "$actorName", "$action", "$token", "$summary"))
                {
                    string[] actions = ["TokenCreated", "TokenEdited", "TokenRevoked", "TokenRolled"];
                    // Entries in time order over three years, as a log is written.
                    var start = now.AddDays(-3 * 365).UtcTicks;
                    var step = auditCount == 0 ? 0 : (now.UtcTicks - start) / auditCount;
                    var tenant = Key(admin.TenantId);
                    for (var i = 0; i < auditCount; i++)
                    {
                        var actor = ownerIds[rng.Next(owners)];
                        Set(insert, tenant, start + i * step, Key(actor), "Owner", actions[rng.Next(actions.Length)],
                            tokenCount == 0 ? null : Key(tokenIds[rng.Next(tokenCount)]), "Changed a token.");
                        await insert.ExecuteNonQueryAsync();
                    }
                }

                output.WriteLine(Invariant($"  {auditCount:N0} audit entries inserted after {watch.Elapsed.TotalSeconds:N1} s"));
                foreach (var (_, _, sql) in schema.Where(s => s.Type == "INDEX"))
                {
                    await ExecuteAsync(connection, sql, tx);
                }

                await ExecuteAsync(connection, "DELETE FROM TokenNameSearch;", tx);
                await ExecuteAsync(connection, "INSERT INTO TokenNameSearch (rowid, NameKey, Id) SELECT rowid, NameKey, Id FROM Tokens;", tx);
                foreach (var (_, _, sql) in schema.Where(s => s.Type == "TRIGGER"))
                {
                    await ExecuteAsync(connection, sql, tx);
                }

                await tx.CommitAsync();
            }

            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;");
        }

        output.WriteLine(Invariant($"  generated with indexes in {watch.Elapsed.TotalSeconds:N1} s ({new FileInfo(path).Length / 1048576.0:N0} MB)"));
        // An actor with entries in the last week, and the token that has entries: the audit filters' targets.
        await using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT ActorId, TokenId FROM AuditEntries ORDER BY Id DESC LIMIT 1";
            await using var reader = await command.ExecuteReaderAsync();
            var actor = await reader.ReadAsync() ? reader.GetGuid(0) : admin.Id;
            var auditToken = reader.HasRows ? reader.GetGuid(1) : someToken;
            return new DataSet(secret, admin.TenantId, ownerIds[owners / 2], auditToken, actor, now);
        }
    }

    private static List<string> Scopes(Random rng)
    {
        var scopes = ScopeShares.Where(s => rng.NextDouble() < s.Share).Select(s => s.Scope).ToList();
        return scopes.Count == 0 ? ["tokens:read"] : scopes;
    }

    // EF Core's SQLite provider stores a Guid as upper-case text.
    private static string Key(Guid id) => id.ToString("D").ToUpperInvariant();

    private static async Task<List<(string Type, string Name, string Sql)>> ReadSchemaAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT upper(type), name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN ('Tokens', 'AuditEntries', 'Users', 'TokenScopes') AND sql IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<(string, string, string)>();
        while (await reader.ReadAsync())
        {
            items.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return items;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter });
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
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

        public static async Task<PortalUnderTest> StartAsync(string dll, string data)
        {
            var (start, address) = BenchPortalStart.For(dll, data, new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Api:FailedAuthenticationLimit"] = "1000000",
            });
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var portal = new PortalUnderTest(process, address);
            process.OutputDataReceived += (_, e) => portal.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => portal.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await portal.WaitUntilReadyAsync();
            return portal;
        }

        public long ResidentKilobytes() =>
            File.ReadLines($"/proc/{_process.Id}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
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
