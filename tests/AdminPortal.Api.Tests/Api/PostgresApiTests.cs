using System.Text.Json;
using AdminPortal.Api.Tests.Cli;
using AdminPortal.Testing;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Service;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Api.Tests.Api;

/// <summary>
/// The API on PostgreSQL (a database of its own on the test cluster, migrated by the portal as it starts), and the
/// operators' move of an SQLite installation to PostgreSQL.
/// </summary>
public sealed class PostgresApiTests
{
    [Fact]
    public async Task Tokens_are_listed_revoked_and_verified_through_the_api_on_postgresql()
    {
        await using var host = await ApiHost.OnPostgresAsync();
        var admin = await host.UserAsync(Role.FullAdmin);
        var owner = await host.UserAsync();
        var writer = await host.TokenAsync(admin, new TokenDraft { Name = "admin writer", Scopes = ["tokens:read", "tokens:write"] });
        var target = await host.TokenAsync(owner, new TokenDraft { Name = "deploy target", Scopes = ["alerts:read"] });
        await host.TokenAsync(owner, new TokenDraft { Name = "another deploy", Scopes = ["alerts:read", "tokens:read"] });
        using var client = host.Client(writer.Secret);

        var byName = await (await client.GetAsync("/api/v1/tokens?all=true&name=deploy&sort=name&order=asc")).JsonAsync();
        var byScope = await (await client.GetAsync("/api/v1/tokens?all=true&scope=alerts:read&pageSize=1&page=2&sort=name")).JsonAsync();
        using var valid = await host.Client(target.Secret).GetAsync("/auth/verify");
        var revoked = await (await client.PostAsync($"/api/v1/tokens/{target.Token.Id}/revoke")).JsonAsync();
        using var afterRevoke = await host.Client(target.Secret).GetAsync("/auth/verify");
        var usable = await (await client.GetAsync("/api/v1/tokens?all=true")).JsonAsync();

        Assert.Equal(["another deploy", "deploy target"], Names(byName));
        Assert.Equal((2, 1), (byScope.GetProperty("total").GetInt32(), Names(byScope).Count));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("Revoked", revoked.Text("validity"));
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(["admin writer", "another deploy"], Names(usable).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Token_revoked_by_the_command_line_on_postgresql_is_refused_by_the_running_portal()
    {
        await using var host = await ApiHost.OnPostgresAsync();
        var owner = await host.UserAsync();
        var token = await host.TokenAsync(owner);
        using var client = host.Client(token.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/auth/verify")).StatusCode);
        var changes = host.Services.GetRequiredService<AdminPortal.Tokens.Verification.PostgresChanges>();
        await changes.Listening.WaitAsync(TestContext.Current.CancellationToken);
        var heard = changes.NextChangeHeard;

        var (exit, _, messages) = await PortalCommand.RunAsync(host.DataDirectory,
            new Dictionary<string, string> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = host.PostgresConnection! },
            "tokens", "revoke", token.Token.Id.ToString());
        await heard.WaitAsync(TestContext.Current.CancellationToken);

        Assert.True(exit == 0, messages);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/auth/verify")).StatusCode);
    }

    [Fact]
    public async Task Operator_copies_an_sqlite_installation_to_postgresql_and_the_api_answers_the_same()
    {
        string before, auditBefore, dataDirectory;
        CreatedToken caller;
        var target = await TestPostgres.CreateEmptyDatabaseAsync();
        try
        {
            await using (var sqlite = ApiHost.OnSqlite())
            {
                var admin = await sqlite.UserAsync(Role.FullAdmin);
                var owner = await sqlite.UserAsync(name: "Zoë Ångström");
                caller = await sqlite.TokenAsync(admin, new TokenDraft { Name = "auditor", Scopes = ["tokens:read", "tokens:write", "audit:read"] });
                var revoked = await sqlite.TokenAsync(owner, new TokenDraft { Name = "old deploy", Scopes = ["alerts:read"] });
                await sqlite.TokenAsync(owner, new TokenDraft { Name = "nightly", Description = "runs at 02:00", Scopes = ["tokens:read"], ValidTo = DateTimeOffset.UtcNow.AddDays(30) });
                Assert.True((await sqlite.Tokens.RevokeAsync(owner.Id, revoked.Token.Id)).Succeeded);
                before = await ListingAsync(sqlite, caller.Secret);
                auditBefore = await AuditAsync(sqlite, caller.Secret);
                dataDirectory = sqlite.DataDirectory;

                // The portal is stopped before the copy (here: it does nothing meanwhile; its folder goes with it).
                var (exit, output, messages) = await PortalCommand.RunAsync(dataDirectory, "database", "copy", "--to", target);
                var again = await PortalCommand.RunAsync(dataDirectory, "database", "copy", "--to", target);

                Assert.True(exit == 0, messages);
                Assert.Contains("Tokens", output, StringComparison.Ordinal);
                Assert.Contains("3 rows (equal to the source)", output, StringComparison.Ordinal);
                Assert.Equal(1, again.ExitCode);
                Assert.Contains("The target database is not empty (Tenants: 1 rows", again.Messages, StringComparison.Ordinal);
            }

            await using var postgres = await ApiHost.OnPostgresAsync(target);
            Assert.Equal(before, await ListingAsync(postgres, caller.Secret));
            Assert.Equal(auditBefore, await AuditAsync(postgres, caller.Secret));
            using var verified = await postgres.Client(caller.Secret).GetAsync("/auth/verify");
            Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
            Assert.True((await postgres.TokenAsync(await postgres.UserAsync(), new TokenDraft { Name = "after the move", Scopes = ["tokens:read"] })).Token.Id != Guid.Empty);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(target);
        }
    }

    [Fact]
    public async Task Copy_names_what_is_wrong_with_the_target_and_copies_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("adminportal-copy-").FullName;

        var noDatabase = await PortalCommand.RunAsync(folder, "database", "copy", "--to", "Host=127.0.0.1");
        var missing = await PortalCommand.RunAsync(folder, "database", "copy");
        var fromPostgres = await PortalCommand.RunAsync(folder,
            new Dictionary<string, string> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = TestPostgres.Server },
            "database", "copy", "--to", TestPostgres.Server);

        Assert.Equal((2, 2, 1), (noDatabase.ExitCode, missing.ExitCode, fromPostgres.ExitCode));
        Assert.Contains("--to names no Database", noDatabase.Messages, StringComparison.Ordinal);
        Assert.Contains("Option '--to' is required", missing.Messages, StringComparison.Ordinal);
        Assert.Contains("reads an SQLite installation", fromPostgres.Messages, StringComparison.Ordinal);
    }

    /// <summary>Every token of the tenant as the API lists it, without the last-use fields (the listing call itself uses the caller's token).</summary>
    private static async Task<string> ListingAsync(ApiHost host, string secret)
    {
        var page = await (await host.Client(secret).GetAsync("/api/v1/tokens?all=true&status=any&sort=name&order=asc")).JsonAsync();
        return string.Join("\n", page.GetProperty("items").EnumerateArray().Select(t =>
            string.Join("|", t.EnumerateObject().Where(p => !p.Name.StartsWith("lastUsed", StringComparison.Ordinal) && p.Name != "usage").Select(p => $"{p.Name}={p.Value.GetRawText()}"))));
    }

    private static async Task<string> AuditAsync(ApiHost host, string secret)
    {
        var page = await (await host.Client(secret).GetAsync("/api/v1/audit?pageSize=100")).JsonAsync();
        return JsonSerializer.Serialize(page.GetProperty("items"));
    }

    private static List<string> Names(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(t => t.Text("name"))];
}
