using System.Collections.Concurrent;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// The <see cref="VerificationCache"/>'s entries of one kind (tokens, or unknown hashes) in the order they were cached,
/// for CLOCK (second-chance) eviction: the oldest entry goes first, unless it was used since it was last passed, in which
/// case it is marked unused and moved to the back. Each entry is passed at most once per use, so making room is O(1)
/// amortised, however full the cache; nothing ever scans it. Not thread-safe: the cache calls it under its lock.
/// </summary>
internal sealed class ClockQueue
{
    private readonly Queue<(string Hash, CachedToken Entry)> _queue = new();

    /// <summary>Places held, including those of entries already dropped from the cache (freed when they come round).</summary>
    public int Count => _queue.Count;

    /// <summary>Queues an entry just cached.</summary>
    public void Add(string hash, CachedToken entry) => _queue.Enqueue((hash, entry));

    /// <summary>Forgets every place (the cache was emptied).</summary>
    public void Clear() => _queue.Clear();

    /// <summary>
    /// Frees one place: the oldest one whose entry was already dropped or replaced, or else the oldest entry that is expired
    /// or unused since it was last passed, removing it from <paramref name="entries"/>. False when there is no place.
    /// </summary>
    public bool EvictOne(ConcurrentDictionary<string, CachedToken> entries, DateTimeOffset now)
    {
        // Look-ups mark entries without the lock; once every place has been passed, the oldest goes whatever its mark, so
        // that concurrent look-ups cannot keep this loop going.
        var places = _queue.Count;
        for (var passed = 0; _queue.TryDequeue(out var oldest); passed++)
        {
            if (!entries.TryGetValue(oldest.Hash, out var current) || !ReferenceEquals(current, oldest.Entry))
            {
                return true;
            }

            if (passed < places && oldest.Entry.ExpiresAt > now && oldest.Entry.TakeUse())
            {
                _queue.Enqueue(oldest);
                continue;
            }

            entries.TryRemove(KeyValuePair.Create(oldest.Hash, oldest.Entry));
            return true;
        }

        return false;
    }
}
