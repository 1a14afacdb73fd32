using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class CalendarFeedKeyConfiguration : IEntityTypeConfiguration<CalendarFeedKey>
{
    public void Configure(EntityTypeBuilder<CalendarFeedKey> builder)
    {
        builder.ToTable("CalendarFeedKeys");
        builder.HasKey(k => k.UserId);
        builder.Property(k => k.KeyHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasOne<PortalUser>().WithOne().HasForeignKey<CalendarFeedKey>(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
