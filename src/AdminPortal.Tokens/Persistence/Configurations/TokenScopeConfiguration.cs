using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class TokenScopeConfiguration : IEntityTypeConfiguration<TokenScope>
{
    public void Configure(EntityTypeBuilder<TokenScope> builder)
    {
        builder.ToTable("TokenScopes");
        builder.HasKey(s => new { s.TokenId, s.Scope });
        builder.Property(s => s.Scope).HasMaxLength(100);
        builder.Property(s => s.OwnerIsActive).HasDefaultValue(true);
        builder.Property(s => s.StartsAt).HasDefaultValue(DateTimeOffset.MinValue);
        builder.Property(s => s.EndsAt).HasDefaultValue(DateTimeOffset.MinValue);
        builder.Property(s => s.NameKey).HasMaxLength(400).HasDefaultValue("");
        foreach (var column in TokenScope.CopiedColumns)
        {
            // The database writes the copies (TokenScopeStatusCopy's triggers); a save never names them, and reads nothing back.
            var property = builder.Property(column).ValueGeneratedNever().Metadata;
            property.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
            property.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        }

        // A scope's rows of a tenant, each entry holding every column the status rules and a keyword read: a listing by a
        // scope and statuses is an index-only read of this range, looking up only the tokens that match. The owner's state,
        // the revocation and the start lead, so that the rare statuses are a seek within the scope's range: suspended
        // (owner inactive, not revoked) and scheduled (owner active, not revoked, starting later).
        builder.HasIndex(s => new { s.TenantId, s.Scope, s.OwnerIsActive, s.RevokedAt, s.StartsAt, s.EndsAt, s.ValidTo, s.ValidFrom, s.LastUsedAt, s.NameKey, s.TokenId })
            .HasDatabaseName("IX_TokenScopes_TenantId_Scope_Status");
    }
}
