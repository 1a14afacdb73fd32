using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Security;

/// <summary>
/// The data-protection key ring in the portal's own database. The table is created and migrated with the token store
/// (the table StoredKey maps); this context only maps it, so that the token domain needs no ASP.NET Core.
/// </summary>
internal sealed class PortalKeyContext(DbContextOptions<PortalKeyContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DataProtectionKey>().ToTable(AdminPortal.Tokens.Persistence.StoredKey.Table);
}
