using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class TokenAddressUseConfiguration : IEntityTypeConfiguration<TokenAddressUse>
{
    public void Configure(EntityTypeBuilder<TokenAddressUse> builder)
    {
        builder.ToTable(TokenAddressUse.Table);
        builder.HasKey(a => new { a.TokenId, a.Address });
        builder.Property(a => a.Address).HasMaxLength(TokenAddressUse.MaxAddressLength);
        // Retention removes addresses not seen for 90 days.
        builder.HasIndex(a => a.LastSeenAt);
        // A deleted token takes its usage with it.
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(a => a.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TokenDailyCallsConfiguration : IEntityTypeConfiguration<TokenDailyCalls>
{
    public void Configure(EntityTypeBuilder<TokenDailyCalls> builder)
    {
        builder.ToTable(TokenDailyCalls.Table);
        // The key is what the writers' upsert adds to: one counter per token, day and outcome.
        builder.HasKey(c => new { c.TokenId, c.Day, c.Outcome });
        builder.Property(c => c.Outcome).HasMaxLength(CallOutcome.MaxLength);
        // Retention removes whole days.
        builder.HasIndex(c => c.Day);
        builder.HasOne<ApiToken>().WithMany().HasForeignKey(c => c.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}
