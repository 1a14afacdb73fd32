using AdminPortal.Tokens.Verification;

namespace AdminPortal.SignIn;

/// <summary>
/// Counts the changes in this process after which an open page's last session check may no longer hold: a sign-out,
/// or a change of a person (deactivated, reactivated, a new role). <see cref="CircuitSession"/> reuses a check for a
/// moment only while the count stands still, so the first action after such a change always checks again.
/// </summary>
internal sealed class SessionEpoch : ITokenChangeListener
{
    private long _value;

    public long Value => Volatile.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);

    public void OnTokenChanged(TokenChange change)
    {
        if (change.OwnerId is not null)
        {
            Advance();
        }
    }
}
