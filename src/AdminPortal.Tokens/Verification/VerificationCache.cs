using System.Collections.Concurrent;
using AdminPortal.Tokens.Options;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Verification answers by secret hash, in memory: found tokens for <see cref="TokenOptions.VerificationCacheDuration"/>,
/// unknown hashes for <see cref="TokenOptions.UnknownSecretCacheDuration"/>. Every committed change reaches
/// <see cref="OnTokenChanged"/> through <see cref="TokenChanges"/> and drops the entries it affects; a change committed by
/// another process on the same database (the operators' command line) is noticed through <see cref="CrossProcessChanges"/>
/// before the next look-up and drops the entries it affects too.
/// </summary>
/// <remarks>
/// At most <see cref="TokenOptions.VerificationCacheSize"/> entries. A full cache makes room in O(1) amortised with CLOCK
/// (<see cref="ClockQueue"/>), one queue per kind: unknown hashes give way first, to either kind; a token's entry gives
/// way only to another token's, so a flood of made-up secrets cannot push out the tokens in use. Expired entries stay
/// until they are replaced or evicted (expired ones go first): a token's expired entry is how
/// <see cref="TokenVerifier.VerifyFromMemory"/> knows that a secret was a token's when last read.
/// </remarks>
public sealed class VerificationCache(IOptions<TokenOptions> options, CrossProcessChanges? otherProcesses = null, bool trusted = true) : ITokenChangeListener
{
    // Environment.TickCount64 before which cached answers may be given: long.MaxValue when no change can be missed (one
    // SQLite file, whose change ring is read before each look-up); on PostgreSQL PostgresChanges moves it forward after
    // each check of its listening connection and sets it to 0 when that connection is lost. One volatile read per look-up.
    private long _trustedUntil = trusted ? long.MaxValue : 0;

    // Looked up by the hash as a span, so that a warm verification needs no string for the key.
    private readonly ConcurrentDictionary<string, CachedToken>.AlternateLookup<ReadOnlySpan<char>> _bySpan =
        new ConcurrentDictionary<string, CachedToken>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private readonly int _capacity = options.Value.VerificationCacheSize;

    // Taken by whatever adds or evicts (a database load, never a warm look-up); look-ups and drops need no lock.
    private readonly Lock _gate = new();
    private readonly ClockQueue _tokens = new();
    private readonly ClockQueue _unknown = new();
    private long _generation;

    private ConcurrentDictionary<string, CachedToken> Entries => _bySpan.Dictionary;

    /// <summary>
    /// Whether cached answers are given now. When false, every look-up misses and verification reads the database (the
    /// state of a node that cannot tell whether it missed another node's change); entries are kept and still added, and
    /// the changes caught up with drop the ones they affect before the cache is trusted again.
    /// </summary>
    public bool IsTrusted => IsTrustedNow();

    /// <summary>Entries held now (expired ones included until they are replaced or evicted).</summary>
    public int Count => Entries.Count;

    /// <summary>Read before loading from the database and handed to <see cref="Add"/>.</summary>
    internal long Generation => Interlocked.Read(ref _generation);

    /// <summary>The live entry for <paramref name="hash"/>, looked up without allocating a key.</summary>
    internal CachedToken? Find(ReadOnlySpan<char> hash, DateTimeOffset now) => Find(hash, now, out _);

    /// <summary>
    /// The live entry for <paramref name="hash"/>, looked up without allocating a key; when there is none,
    /// <paramref name="lapsedToken"/> says whether the hash was a token's when last read (its entry expired).
    /// </summary>
    internal CachedToken? Find(ReadOnlySpan<char> hash, DateTimeOffset now, out bool lapsedToken)
    {
        otherProcesses?.CatchUp(this, static cache => cache.Clear());
        if (!_bySpan.TryGetValue(hash, out var entry))
        {
            lapsedToken = false;
            return null;
        }

        if (entry.ExpiresAt > now && IsTrustedNow())
        {
            entry.MarkUsed();
            lapsedToken = false;
            return entry;
        }

        lapsedToken = !entry.IsUnknown;
        return null;
    }

    /// <summary>
    /// Keeps what was loaded from the database, unless a change was published since <paramref name="loadedAt"/> was read:
    /// the load may have seen the state before that change, and caching it would bring the change back.
    /// </summary>
    internal void Add(string hash, CachedToken entry, long loadedAt, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Generation != loadedAt || !MakeRoom(entry, now))
            {
                return;
            }

            Entries[hash] = entry;
            (entry.IsUnknown ? _unknown : _tokens).Add(hash, entry);
        }

        // A change published between the check above and the write may have scanned before the entry was there.
        if (Generation != loadedAt)
        {
            Entries.TryRemove(KeyValuePair.Create(hash, entry));
        }
    }

    /// <inheritdoc />
    /// <remarks>Scans the entries: changes are rare (people and the command line make them), look-ups are not.</remarks>
    public void OnTokenChanged(TokenChange change)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in Entries)
        {
            if (entry.IsAffectedBy(change))
            {
                Entries.TryRemove(KeyValuePair.Create(hash, entry));
            }
        }
    }

    // On SQLite (always trusted) not even the clock is read.
    private bool IsTrustedNow() => Volatile.Read(ref _trustedUntil) is var until && (until == long.MaxValue || Environment.TickCount64 < until);

    /// <summary>Drops, in one pass, the entries that any of <paramref name="changes"/> affects (changes caught up with at once).</summary>
    public void OnTokenChanges(IReadOnlyCollection<TokenChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var tokens = changes.Where(c => c.TokenId is not null).Select(c => c.TokenId!.Value).ToHashSet();
        var owners = changes.Where(c => c.OwnerId is not null).Select(c => c.OwnerId!.Value).ToHashSet();
        Interlocked.Increment(ref _generation);
        foreach (var (hash, entry) in Entries)
        {
            if ((entry.TokenId is { } token && tokens.Contains(token)) || (entry.OwnerId is { } owner && owners.Contains(owner)))
            {
                Entries.TryRemove(KeyValuePair.Create(hash, entry));
            }
        }
    }

    /// <summary>
    /// Gives cached answers until <paramref name="tickCount"/> (an <see cref="Environment.TickCount64"/>); 0 stops them at
    /// once. Only the one process-wide source of other nodes' changes calls it.
    /// </summary>
    internal void TrustUntil(long tickCount) => Volatile.Write(ref _trustedUntil, tickCount);

    /// <summary>Drops everything (for changes whose scope is unknown, such as a restored backup).</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        lock (_gate)
        {
            Entries.Clear();
            _tokens.Clear();
            _unknown.Clear();
        }
    }

    /// <summary>
    /// Frees places until there is one for <paramref name="entry"/> (each queue place is counted, so entries never
    /// outnumber the capacity); false when only tokens in use could give way to an unknown hash: it is then not cached.
    /// </summary>
    private bool MakeRoom(CachedToken entry, DateTimeOffset now)
    {
        while (_tokens.Count + _unknown.Count >= _capacity)
        {
            if (!_unknown.EvictOne(Entries, now) && (entry.IsUnknown || !_tokens.EvictOne(Entries, now)))
            {
                return false;
            }
        }

        return true;
    }
}
