using AdminPortal.Tokens.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Tests.Options;

public class DatabaseOptionsTests
{
    [Theory]
    [InlineData("Postgres", null, "Database:ConnectionString is required when Database:Provider is Postgres.")]
    [InlineData("Postgres", "Host=db.internal", "Database:ConnectionString names no Database.")]
    [InlineData("Postgres", "Database=adminportal", "Database:ConnectionString names no Host.")]
    [InlineData("Postgres", "Hots=db;Database=x", "Database:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Sqlite", "Host=db;Database=x", "Database:ConnectionString is set but Database:Provider is Sqlite")]
    [InlineData("Oracle", null, "Database:Provider")]
    public void Inconsistent_database_settings_stop_the_start_naming_the_setting(string provider, string? connectionString, string expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging()
            .AddTokenDomain(Path.GetTempPath()).BuildServiceProvider();

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Password_of_a_bad_connection_string_is_not_repeated_in_the_error() =>
        Assert.DoesNotContain("s3cret", DatabaseOptionsCheck.Validate(new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=db;Password=s3cret;Databse=x",
        }), StringComparison.Ordinal);

    [Fact]
    public void Default_is_the_embedded_sqlite_file_and_a_full_postgres_setting_is_accepted()
    {
        Assert.Null(DatabaseOptionsCheck.Validate(new DatabaseOptions()));
        Assert.Equal(DatabaseProvider.Sqlite, new DatabaseOptions().Provider);
        Assert.Null(DatabaseOptionsCheck.Validate(new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=db.internal;Port=5432;Database=adminportal;Username=portal;Password=x",
        }));
    }
}
