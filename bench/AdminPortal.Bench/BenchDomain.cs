using System.Data.Common;
using AdminPortal.Tokens;
using AdminPortal.Tokens.Model;
using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Bench;

/// <summary>The token domain on a real SQLite file in a temporary folder, counting every SQL command it runs.</summary>
internal sealed class BenchDomain : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _folder;

    private BenchDomain(ServiceProvider services, string folder, CommandCounter counter)
    {
        _services = services;
        _folder = folder;
        Counter = counter;
    }

    public CommandCounter Counter { get; }

    public IServiceProvider Services => _services;

    public TokenService Tokens => _services.GetRequiredService<TokenService>();

    public static Task<BenchDomain> StartAsync(TimeProvider clock) =>
        StartAsync(clock, Directory.CreateTempSubdirectory("adminportal-bench-").FullName);

    /// <summary>The domain on the database in <paramref name="folder"/>, which it deletes when disposed.</summary>
    public static async Task<BenchDomain> StartAsync(TimeProvider clock, string folder)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = folder }).Build();
        var counter = new CommandCounter();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging().AddSingleton(clock);
        services.AddTokenDomain(folder, options => options.AddInterceptors(counter));
        var provider = services.BuildServiceProvider();
        await TokenDatabase.MigrateAsync(provider.GetRequiredService<IDbContextFactory<TokenDbContext>>());
        return new BenchDomain(provider, folder, counter);
    }

    public async Task<PortalUser> UserAsync(Role role = Role.FullAdmin, string name = "Bench User") =>
        await _services.GetRequiredService<UserService>().SignInAsync(new SignInProfile("bench", "Bench", $"subject-{Guid.NewGuid()}", name, "bench@bench.example", role));

    public async Task<CreatedToken> TokenAsync(PortalUser owner, string name, IReadOnlyCollection<string>? allowedAddresses = null)
    {
        var created = await Tokens.CreateAsync(owner.Id, new TokenDraft { Name = name, Scopes = ["tokens:read"], AllowedAddresses = allowedAddresses });
        return created.Succeeded ? created.Value : throw new InvalidOperationException(created.Error.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Counts SQL commands: reads (SELECT) and writes (INSERT, UPDATE, DELETE).</summary>
    internal sealed class CommandCounter : DbCommandInterceptor
    {
        private int _reads;
        private int _writes;

        public int Reads => _reads;

        public int Writes => _writes;

        public void Reset()
        {
            _reads = 0;
            _writes = 0;
        }

        public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
        {
            var text = result.CommandText.TrimStart();
            if (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _reads);
            }
            else if (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _writes);
            }

            return result;
        }
    }
}
