namespace AdminPortal.Tokens.Persistence;

/// <summary>
/// One committed change that verification caches must hear (table <c>TokenChanges</c>): a token's, or an owner's that
/// affects all of their tokens. On PostgreSQL every change is written here in the transaction that makes it, and its
/// <see cref="Id"/> is the position that the change's notification carries, so that a node that was not listening reads
/// what it missed (see <c>PostgresChanges</c>). Rows older than <c>Database:ChangeLogRetention</c> are pruned. SQLite does
/// not write it: the processes on one file share the memory-mapped change ring instead.
/// </summary>
public sealed class ChangeLogEntry
{
    /// <summary>The table's name.</summary>
    public const string Table = "TokenChanges";

    /// <summary>The position: taken from a sequence, so unique and increasing in the order numbers were taken, which is not
    /// always the order of commits.</summary>
    public long Id { get; set; }

    /// <summary>The token changed (revoked, restored, rolled, edited, deleted, created), or null for an owner's change.</summary>
    public Guid? TokenId { get; set; }

    /// <summary>The owner whose tokens all changed (deactivated, reactivated, a new role or name), or null.</summary>
    public Guid? OwnerId { get; set; }

    /// <summary>When it was written, by the database's clock (what pruning compares).</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
