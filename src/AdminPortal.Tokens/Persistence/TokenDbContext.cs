using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tokens.Persistence;

/// <summary>The token store. Use one short-lived context per operation, from the factory.</summary>
public sealed class TokenDbContext(DbContextOptions<TokenDbContext> options) : DbContext(options)
{
    /// <summary>Organisations.</summary>
    public DbSet<Tenant> Tenants => Set<Tenant>();

    /// <summary>People known to the portal.</summary>
    public DbSet<PortalUser> Users => Set<PortalUser>();

    /// <summary>API tokens.</summary>
    public DbSet<ApiToken> Tokens => Set<ApiToken>();

    /// <summary>The audit log.</summary>
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    /// <summary>Each tenant's rules for its tokens (a tenant without a row has the defaults).</summary>
    public DbSet<TenantPolicy> Policies => Set<TenantPolicy>();

    /// <summary>Secrets replaced by a roll: in their grace period, or kept to detect their reuse.</summary>
    public DbSet<RetiredSecret> RetiredSecrets => Set<RetiredSecret>();

    /// <summary>What people must be told, delivered by e-mail and shown in the portal.</summary>
    public DbSet<Notice> Notices => Set<Notice>();
    /// <summary>The client addresses each token was last accepted from.</summary>
    public DbSet<TokenAddressUse> TokenAddresses => Set<TokenAddressUse>();

    /// <summary>Each token's calls per day and outcome.</summary>
    public DbSet<TokenDailyCalls> TokenDailyCalls => Set<TokenDailyCalls>();

    /// <summary>The web host's data-protection key ring.</summary>
    public DbSet<StoredKey> ProtectionKeys => Set<StoredKey>();

    /// <summary>The log of changes that verification caches on other nodes must hear (written on PostgreSQL only).</summary>
    public DbSet<ChangeLogEntry> ChangeLog => Set<ChangeLogEntry>();

    /// <summary>Keys of the people's calendar feeds (hashes only).</summary>
    public DbSet<CalendarFeedKey> CalendarFeedKeys => Set<CalendarFeedKey>();

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; UTC ticks order and compare exactly. PostgreSQL stores them the
        // same way, so that both engines have one model, the same filters and a copy between them is exact.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(TokenDbContext).Assembly);
        modelBuilder.Entity<StoredKey>().ToTable(StoredKey.Table);
        SqliteIndexHint.Register(modelBuilder, Database.IsSqlite());
        PostgresIndexHint.Register(modelBuilder, Database.IsNpgsql());
        if (Database.IsSqlite())
        {
            Search.SqliteTokenNameSearch.Register(modelBuilder);
        }

        if (Database.IsNpgsql())
        {
            // A GUID prefix is searched as a range of the GUID text ([prefix, next prefix)), which holds only in code-point
            // order: the "C" collation, whatever the database's default (SQLite compares text that way already).
            modelBuilder.Entity<ApiToken>().Property(t => t.GuidText).UseCollation("C");

            // The usable tokens' index and the start's carry every column their filters test, and the name and id: a count
            // of a status with a keyword reads only index entries (an index-only scan, PostgresPlan.StatusIndexOnly) and
            // visits a token's row only when it matches. Among a million tokens, "ci" (no trigram) with the usable
            // statuses, counted to 1,001: a sequential scan of 52,000 rows, 23 ms warm, against 1,001 matches among the
            // index's entries, 2.6 ms; "terraform" + scheduled: the 20,000 scheduled tokens' rows, 17 ms, against their
            // entries, 3.9 ms. SQLite's listings met the goal without them (at a million tokens, p50: "ci" 10.2 ms,
            // "terraform" + scheduled 35.3 ms).
            Search.PostgresTokenNameSearch.Register(modelBuilder);
            var tokens = modelBuilder.Entity<ApiToken>();
            tokens.HasIndex(t => new { t.TenantId, t.OwnerIsActive, t.RevokedAt, t.EndsAt })
                .IncludeProperties(t => new { t.Id, t.ValidTo, t.ValidFrom, t.StartsAt, t.NameKey });
            tokens.HasIndex(t => new { t.TenantId, t.StartsAt, t.GuidText })
                .IncludeProperties(t => new { t.Id, t.OwnerIsActive, t.RevokedAt, t.ValidTo, t.ValidFrom, t.NameKey });
        }
    }
}
