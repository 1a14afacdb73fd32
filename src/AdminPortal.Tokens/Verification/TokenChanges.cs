using AdminPortal.Tokens.Telemetry;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// The one hook through which the token and user services announce committed changes. Every listener in this process
/// hears every change before the service returns, so a revoked, rolled, deleted or suspended token is rejected on the
/// very next call.
/// </summary>
/// <remarks>
/// Other processes on the same SQLite file (the operators' command line) hear about changes through
/// <see cref="CrossProcessChanges"/>, one of the listeners; on PostgreSQL, other processes and nodes hear them through
/// <see cref="PostgresChanges"/> (NOTIFY after each change, LISTEN in every process).
/// </remarks>
public sealed class TokenChanges(IEnumerable<ITokenChangeListener> listeners, PortalTelemetry? telemetry = null)
{
    private readonly ITokenChangeListener[] _listeners = [.. listeners];

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
