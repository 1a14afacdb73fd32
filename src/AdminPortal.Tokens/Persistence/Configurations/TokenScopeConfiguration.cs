using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class TokenScopeConfiguration : IEntityTypeConfiguration<TokenScope>
{
    public void Configure(EntityTypeBuilder<TokenScope> builder)
    {
        builder.ToTable("TokenScopes");
        builder.HasKey(s => new { s.TokenId, s.Scope });
        builder.Property(s => s.Scope).HasMaxLength(100);
        builder.HasIndex(s => new { s.TenantId, s.Scope, s.TokenId });
    }
}
