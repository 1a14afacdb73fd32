using AdminPortal.Tokens.Persistence;
using AdminPortal.Tokens.Telemetry;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// The one hook through which the token and user services announce committed changes. Every listener in this process
/// hears every change before the service returns, so a revoked, rolled, deleted or suspended token is rejected on the
/// very next call.
/// </summary>
/// <remarks>
/// Each change is announced twice: <see cref="RecordAsync"/> inside the change's transaction, before it commits (on
/// PostgreSQL it writes the change log row and sends the notification, which the server delivers at the commit, so other
/// nodes hear exactly the committed changes, each with its position: see <see cref="PostgresChanges"/>); and
/// <see cref="Publish"/> after the commit, to the listeners of this process. Other processes on the same SQLite file (the
/// operators' command line) hear about changes through <see cref="CrossProcessChanges"/>, one of the listeners.
/// </remarks>
public sealed class TokenChanges(IEnumerable<ITokenChangeListener> listeners, PostgresChanges? database = null, PortalTelemetry? telemetry = null)
{
    private readonly ITokenChangeListener[] _listeners = [.. listeners];

    /// <summary>Records <paramref name="change"/> in the transaction of <paramref name="db"/> that makes it (a no-op on SQLite).</summary>
    public Task RecordAsync(TokenDbContext db, TokenChange change, CancellationToken ct) =>
        database is null ? Task.CompletedTask : database.RecordAsync(db, change, ct);

    /// <summary>
    /// Commits the transaction of <paramref name="db"/> that makes <paramref name="change"/>, with the change recorded in
    /// it (<see cref="RecordAsync"/>), then tells this process's listeners (<see cref="Publish"/>): the one way the
    /// services commit a change, so that none is committed without being announced to the other nodes.
    /// </summary>
    public async Task CommitAsync(TokenDbContext db, TokenChange change, TokenChangeKind kind, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A change is committed in the transaction that makes it.");
        await RecordAsync(db, change, ct);
        await transaction.CommitAsync(ct);
        Publish(change, kind);
    }

    /// <summary>
    /// <see cref="CommitAsync(TokenDbContext, TokenChange, TokenChangeKind, CancellationToken)"/> for a transaction that
    /// makes several changes of one kind at once (the clean-up of unused tokens revokes a batch): every one is recorded in
    /// it, and each is published after the commit.
    /// </summary>
    public async Task CommitAsync(TokenDbContext db, IReadOnlyList<TokenChange> several, TokenChangeKind kind, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A change is committed in the transaction that makes it.");
        foreach (var change in several)
        {
            await RecordAsync(db, change, ct);
        }

        await transaction.CommitAsync(ct);
        foreach (var change in several)
        {
            Publish(change, kind);
        }
    }

    /// <summary>Tells every listener about a committed change; <paramref name="kind"/> is what it did, for the telemetry.</summary>
    public void Publish(TokenChange change, TokenChangeKind kind = TokenChangeKind.Other)
    {
        telemetry?.Changed(kind);
        foreach (var listener in _listeners)
        {
            listener.OnTokenChanged(change);
        }
    }
}
