using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AdminPortal.SignIn;

/// <summary>
/// Sessions that were signed out, remembered for as long as their cookie could still be presented (the idle timeout),
/// so that a copy of the cookie and the session's open pages stop working at once. Kept in memory: with several nodes
/// (sticky sessions), a page open on another node notices at its own next sign-in check of the user.
/// </summary>
internal sealed class SignedOutSessions(TimeProvider clock, IOptions<SessionOptions> options, SessionEpoch epoch)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    public void End(string? sessionId)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, until) in _ended)
        {
            if (until <= now)
            {
                _ended.TryRemove(id, out _);
            }
        }

        if (sessionId is not null)
        {
            _ended[sessionId] = now + options.Value.IdleTimeout;
            epoch.Advance();
        }
    }

    public bool HasEnded(string? sessionId) => sessionId is not null && _ended.ContainsKey(sessionId);
}
