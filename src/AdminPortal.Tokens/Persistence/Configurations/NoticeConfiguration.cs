using AdminPortal.Tokens.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminPortal.Tokens.Persistence.Configurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("Notices");
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(n => n.DedupeKey).HasMaxLength(200);
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(20000);
        builder.Property(n => n.LastError).HasMaxLength(1000);

        // No foreign key to the token: the notice outlives it. One notice per key, whatever nodes produce it.
        builder.HasIndex(n => n.DedupeKey).IsUnique();

        // What a person has not dismissed, newest first; what is still to be delivered, in order.
        builder.HasIndex(n => new { n.RecipientId, n.ReadAt, n.CreatedAt });
        builder.HasIndex(n => new { n.SentAt, n.NextAttemptAt });
    }
}
