using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.ToTable("Tokens");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.GuidText).HasMaxLength(36);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.NameKey).HasMaxLength(400);
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.PrimitiveCollection(t => t.Scopes).ElementType(e => e.HasMaxLength(100));
        builder.PrimitiveCollection(t => t.AllowedAddresses).ElementType(e => e.HasMaxLength(64));
        builder.Property(t => t.LastUsedFrom).HasMaxLength(64);
        builder.Property(t => t.SecretHash).HasMaxLength(64);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.Ignore(t => t.EffectiveValidTo);

        builder.HasMany(t => t.ScopeRows).WithOne().HasForeignKey(s => s.TokenId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(t => t.Owner).WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Restrict);

        builder.HasIndex(t => new { t.TenantId, t.OwnerId });
        builder.HasIndex(t => new { t.OwnerId, t.NameKey }).IsUnique();
        builder.HasIndex(t => t.GuidText).IsUnique();
        builder.HasIndex(t => t.SecretHash).IsUnique();

        // Listings: every sort has a tenant-leading index ending in its tie-breaker, so that a page (and a keyset cursor's
        // seek) reads only the rows it returns; the status and usage filters have one each for their counts.
        // The default order's index also carries the validity and usage columns: a filter that follows the age of the
        // tokens (expired ones are old) read newest first is tested on the index entry, and only a match costs a read of
        // its row (SQLite's deferred seek): status expired at a million tokens 370 ms -> 15-20 ms.
        builder.HasIndex(t => new { t.TenantId, t.CreatedAt, t.GuidText, t.RevokedAt, t.ValidTo, t.LastUsedAt });
        builder.HasIndex(t => new { t.TenantId, t.NameKey, t.GuidText });
        builder.HasIndex(t => new { t.TenantId, t.LastUsedAt, t.GuidText });
        builder.HasIndex(t => new { t.TenantId, t.EndsAt, t.GuidText });
        builder.HasIndex(t => new { t.TenantId, t.StartsAt, t.GuidText });
        builder.HasIndex(t => new { t.TenantId, t.RevokedAt, t.ValidTo });

        // The valid-to date range ("expires between"), revoked or not, and its count: a seek instead of every token of the
        // tenant (its count to 1,001 at a million tokens: 0.2-0.5 s without it).
        builder.HasIndex(t => new { t.TenantId, t.ValidTo });

        // The GUID prefix is a range of the tenant's GUIDs; the suspended filter (and its count) reads the owner's state
        // stored on the token (ApiToken.OwnerIsActive) with the validity columns, instead of joining each row's owner.
        // Its last column is the end in effect (EndsAt, for a token not revoked its valid-to or never), so that "not yet
        // ended" is one range of it where "no valid-to, or a later one" is two: the suspended tokens are one range of this
        // index, not every token of a deactivated owner (terraform and suspended at a million tokens on PostgreSQL: the
        // 40,000 tokens of deactivated owners read, 50 ms; the 15,000 not ended, 15 ms). Descending, so that the tokens
        // that never end come first and those ended long ago last: a count of valid tokens read in this index's order
        // stops after its limit among the first, where ascending it first passed every expired token (0.65 s).
        builder.HasIndex(t => new { t.TenantId, t.GuidText });
        builder.HasIndex(t => new { t.TenantId, t.OwnerIsActive, t.RevokedAt, t.EndsAt }).IsDescending(false, false, false, true);
    }
}
