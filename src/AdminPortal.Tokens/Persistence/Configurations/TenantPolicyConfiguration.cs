using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class TenantPolicyConfiguration : IEntityTypeConfiguration<TenantPolicy>
{
    public void Configure(EntityTypeBuilder<TenantPolicy> builder)
    {
        builder.ToTable("TenantPolicies");
        builder.HasKey(p => p.TenantId);
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantPolicy>(p => p.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.PrimitiveCollection(p => p.UserScopes).ElementType(e => e.HasMaxLength(100));
        builder.PrimitiveCollection(p => p.SecurityReaderScopes).ElementType(e => e.HasMaxLength(100));
        builder.PrimitiveCollection(p => p.FullAdminScopes).ElementType(e => e.HasMaxLength(100));
        builder.Property(p => p.ExpiryNoticeDays).HasDefaultValue(7);
        builder.Property(p => p.NoticeOnExpiryDay).HasDefaultValue(true);
        builder.Property(p => p.Version).IsConcurrencyToken();
    }
}
