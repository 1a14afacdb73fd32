using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class RetiredSecretConfiguration : IEntityTypeConfiguration<RetiredSecret>
{
    public void Configure(EntityTypeBuilder<RetiredSecret> builder)
    {
        builder.ToTable("RetiredSecrets");

        // Looked up by hash only when the current secrets' look-up missed.
        builder.HasKey(r => r.SecretHash);
        builder.Property(r => r.SecretHash).HasMaxLength(64);
        builder.Property(r => r.LastReusedFrom).HasMaxLength(64);

        // Deleting a token deletes what it retired: its old secrets stop at once and nothing is left to detect.
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(r => r.TokenId).OnDelete(DeleteBehavior.Cascade);

        // A token's secrets still in grace (listings, a revoke or roll ending them); the ones past retention (clean-up).
        builder.HasIndex(r => new { r.TokenId, r.GraceUntil });
        builder.HasIndex(r => r.GraceUntil);
    }
}
