using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.ActorName).HasMaxLength(200);
        builder.Property(a => a.Action).HasConversion<string>().HasMaxLength(30);
        builder.Property(a => a.Summary).HasMaxLength(2000);
        builder.Property(a => a.ClientAddress).HasMaxLength(64);

        // No foreign key to the token: the entry outlives it.
        // Newest first by tenant, by token or by actor: each filter has an index in the order of the listing.
        builder.HasIndex(a => new { a.TenantId, a.At });
        builder.HasIndex(a => new { a.TokenId, a.At });
        builder.HasIndex(a => new { a.ActorId, a.At });
    }
}
