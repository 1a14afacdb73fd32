using System.Collections.Concurrent;
using AdminPortal.Tokens.Options;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Verification answers by secret hash, in memory: found tokens for <see cref="TokenOptions.VerificationCacheDuration"/>,
/// unknown hashes for <see cref="TokenOptions.UnknownSecretCacheDuration"/>. Every committed change reaches
/// <see cref="OnTokenChanged"/> through <see cref="TokenChanges"/> and drops the entries it affects; a change committed by
/// another process on the same database (the operators' command line) is noticed through <see cref="CrossProcessChanges"/>
/// before the next look-up and drops everything.
/// </summary>
public sealed class VerificationCache(IOptions<TokenOptions> options, CrossProcessChanges? otherProcesses = null) : ITokenChangeListener
{
    // Looked up by the hash as a span, so that a warm verification needs no string for the key.
    private readonly ConcurrentDictionary<string, CachedToken>.AlternateLookup<ReadOnlySpan<char>> _bySpan =
        new ConcurrentDictionary<string, CachedToken>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly int _capacity = options.Value.VerificationCacheSize;
    private long _generation;

    private ConcurrentDictionary<string, CachedToken> Entries => _bySpan.Dictionary;

    /// <summary>Entries held now (expired ones included until they are next read or purged).</summary>
    public int Count => Entries.Count;

    /// <summary>Read before loading from the database and handed to <see cref="Add"/>.</summary>
    internal long Generation => Interlocked.Read(ref _generation);

    /// <summary>The live entry for <paramref name="hash"/>, looked up without allocating a key.</summary>
    internal CachedToken? Find(ReadOnlySpan<char> hash, DateTimeOffset now)
    {
        otherProcesses?.CatchUp(this, static cache => cache.Clear());
        if (!_bySpan.TryGetValue(hash, out var key, out var entry))
        {
            return null;
        }

        if (entry.ExpiresAt > now)
        {
            return entry;
        }

        Entries.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    /// <summary>
    /// Keeps what was loaded from the database, unless a change was published since <paramref name="loadedAt"/> was read:
    /// the load may have seen the state before that change, and caching it would bring the change back.
    /// </summary>
    internal void Add(string hash, CachedToken entry, long loadedAt, DateTimeOffset now)
    {
        if (Generation != loadedAt || !MakeRoom(entry, now))
        {
            return;
        }

        Entries[hash] = entry;

        // A change published between the check above and the write may have scanned before the entry was there.
        if (Generation != loadedAt)
        {
            Entries.TryRemove(KeyValuePair.Create(hash, entry));
        }
    }

    /// <inheritdoc />
    public void OnTokenChanged(TokenChange change)
    {
        Interlocked.Increment(ref _generation);
        RemoveWhere(e => e.IsAffectedBy(change));
    }

    /// <summary>Drops everything (for changes whose scope is unknown, such as a restored backup).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        Entries.Clear();
    }

    /// <summary>
    /// A full cache first loses expired entries, then (to make room for a real token) the unknown hashes, so that a flood
    /// of made-up secrets cannot push out the tokens in use. When it is still full the answer is simply not cached.
    /// </summary>
    private bool MakeRoom(CachedToken entry, DateTimeOffset now)
    {
        if (Entries.Count < _capacity)
        {
            return true;
        }

        RemoveWhere(e => e.ExpiresAt <= now);
        if (Entries.Count >= _capacity && !entry.IsUnknown)
        {
            RemoveWhere(e => e.IsUnknown);
        }

        return Entries.Count < _capacity;
    }

    private void RemoveWhere(Func<CachedToken, bool> predicate)
    {
        foreach (var (hash, entry) in Entries)
        {
            if (predicate(entry))
            {
                Entries.TryRemove(KeyValuePair.Create(hash, entry));
            }
        }
    }
}
