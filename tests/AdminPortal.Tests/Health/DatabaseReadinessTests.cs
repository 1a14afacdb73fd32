using Microsoft.Data.Sqlite;

namespace AdminPortal.Tests.Health;

public sealed class DatabaseReadinessTests
{
    [Fact]
    public async Task Start_creates_and_migrates_the_database_in_the_data_directory()
    {
        await using var portal = new PortalFactory();

        using var response = await portal.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var file = Path.Combine(portal.DataDirectory, "adminportal.db");
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name IN ('Tokens', 'Users', 'Tenants', 'AuditEntries')";
        Assert.Equal(4L, await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Readiness_fails_when_the_database_is_gone_while_liveness_still_answers()
    {
        await using var portal = new PortalFactory();
        using (var ready = await portal.GetAsync("/healthz/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(portal.DataDirectory))
        {
            File.Delete(file);
        }

        using var notReady = await portal.GetAsync("/healthz/ready");
        using var alive = await portal.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Invalid_token_setting_stops_the_portal_at_start_naming_the_key()
    {
        await using var portal = new PortalFactory();
        await using var misconfigured = portal.WithWebHostBuilder(b => b.UseSetting("Tokens:SecretPrefix", "Not A Prefix"));

        var error = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());

        Assert.Contains("Tokens:SecretPrefix must be 2-10 lower-case letters.", error.ToString(), StringComparison.Ordinal);
    }
}
