using System.IO.MemoryMappedFiles;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Tells the processes that share one SQLite file about each other's changes, so that a token revoked by the operators'
/// command line is refused by a running portal on its very next call. It is a small memory-mapped file beside the
/// database (<c>adminportal.db-changes</c>): a 64-bit change counter and a ring of the last 256 changes (which token, or
/// which owner). Every process, after each committed change, takes the next number from the counter atomically and
/// writes the change into its slot (it is an <see cref="ITokenChangeListener"/>, so it hears what
/// <see cref="TokenChanges"/> publishes); the <see cref="VerificationCache"/> reads the counter before every look-up and,
/// when another process moved it, drops just the entries those changes affect. Reading it is one load from shared
/// memory, not a system call, so a warm verification stays in microseconds. A slot that was overwritten (more than 256
/// changes since the last look) or is still being written drops the whole cache instead.
/// </summary>
/// <remarks>
/// The change is committed before the counter moves and the command line acknowledges only after both, so once the
/// operator sees "revoked" no call that begins afterwards can be served from a stale entry. Processes on other machines
/// (several nodes on PostgreSQL) use the database's notifications instead: <see cref="PostgresChanges"/>.
/// </remarks>
public sealed unsafe class CrossProcessChanges : ITokenChangeListener, IDisposable
{
    private const int HeaderSize = 64;
    private const int RingSize = 256;
    private const int Size = HeaderSize + RingSize * 32;
    private static readonly long RetryInterval = TimeSpan.FromSeconds(5).Ticks;

    // Until the file is mapped (and after Dispose) the counter points here, so a reader never touches unmapped memory.
    private static readonly long* Detached = (long*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(Size);

    private readonly string _path;
    private readonly Lock _gate = new();
    private MemoryMappedFile? _file;
    private MemoryMappedViewAccessor? _view;
    private long* _counter = Detached;
    private long _seen;
    private long _nextAttempt;
    private bool _disposed;

    /// <summary>
    /// Opens (or creates) the counter file at <paramref name="path"/>. When its folder cannot be written (a read-only or
    /// full disk) it tries again every few seconds from <see cref="CatchUp{TState}"/>, dropping the cache when it succeeds:
    /// changes of other processes made meanwhile are unknown.
    /// </summary>
    public CrossProcessChanges(string path)
    {
        _path = path;
        TryMap();
        _seen = Volatile.Read(ref *_counter);
    }

    /// <summary>Whether the counter file is mapped (false while its folder cannot be written).</summary>
    public bool IsShared => _file is not null;

    /// <summary>The path of the counter file for a SQLite database file.</summary>
    public static string PathFor(string databasePath) => databasePath + "-changes";

    /// <summary>The counter's value now: the number of changes every process has committed since the file was created.</summary>
    public long Current => Volatile.Read(ref *_counter);

    /// <summary>Publishes a change this process committed to the other processes.</summary>
    public void OnTokenChanged(TokenChange change)
    {
        var number = Interlocked.Increment(ref *_counter);
        var slot = SlotOf(number);

        // A reader that finds the slot's number other than the change's knows it is being written or was overwritten.
        Volatile.Write(ref slot->Number, 0);
        slot->IsOwner = change.TokenId is null ? 1 : 0;
        slot->Id = change.TokenId ?? change.OwnerId ?? Guid.Empty;
        Volatile.Write(ref slot->Number, number);

        // Nobody else changed anything since we last looked: our own change needs no replay (the cache heard it).
        Interlocked.CompareExchange(ref _seen, number, number - 1);
    }

    /// <summary>
    /// When another process committed changes since this one last caught up, hands each of them to
    /// <paramref name="state"/> (which drops what they affect), or calls <paramref name="drop"/> (which drops everything)
    /// when they cannot all be read; answers whether anything was dropped. The changes are applied before they count as
    /// seen, so a concurrent caller either applies them as well or finds them applied.
    /// </summary>
    public bool CatchUp<TState>(TState state, Action<TState> drop)
        where TState : ITokenChangeListener
    {
        ArgumentNullException.ThrowIfNull(drop);
        if (_file is null && DateTime.UtcNow.Ticks >= Volatile.Read(ref _nextAttempt) && TryMap())
        {
            drop(state);
            Volatile.Write(ref _seen, Volatile.Read(ref *_counter));
            return true;
        }

        var current = Volatile.Read(ref *_counter);
        var seen = Volatile.Read(ref _seen);
        if (current == seen)
        {
            return false;
        }

        if (current - seen > RingSize || !Replay(state, seen + 1, current))
        {
            drop(state);
        }

        Interlocked.CompareExchange(ref _seen, current, seen);
        return true;
    }

    /// <summary>Hands changes <paramref name="first"/> to <paramref name="last"/> to <paramref name="state"/>; false when one cannot be read.</summary>
    private bool Replay<TState>(TState state, long first, long last)
        where TState : ITokenChangeListener
    {
        for (var number = first; number <= last; number++)
        {
            var slot = SlotOf(number);
            if (Volatile.Read(ref slot->Number) != number)
            {
                return false;
            }

            var (isOwner, id) = (slot->IsOwner, slot->Id);
            if (Volatile.Read(ref slot->Number) != number)
            {
                return false;
            }

            state.OnTokenChanged(isOwner == 1 ? TokenChange.OfOwner(id) : TokenChange.OfToken(id));
        }

        return true;
    }

    private Slot* SlotOf(long number) => (Slot*)((byte*)_counter + HeaderSize) + ((number - 1) & (RingSize - 1));

    /// <summary>One change in the ring: its number (written last), whether it is an owner's, and the token or owner id.</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential, Size = 32)]
    private struct Slot
    {
        public long Number;
        public long IsOwner;
        public Guid Id;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            // The container may dispose it once per service it is registered as.
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _counter = Detached;
            if (_view is not null)
            {
                _view.SafeMemoryMappedViewHandle.ReleasePointer();
                _view.Dispose();
            }

            _file?.Dispose();
        }
    }

    private bool TryMap()
    {
        lock (_gate)
        {
            if (_disposed || _file is not null)
            {
                return false;
            }

            FileStream? stream = null;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
                stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
                if (stream.Length < Size)
                {
                    // Two processes creating the file at once both extend it to the same zero-filled length.
                    stream.SetLength(Size);
                }

                var file = MemoryMappedFile.CreateFromFile(stream, null, Size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
                stream = null;
                var view = file.CreateViewAccessor(0, Size, MemoryMappedFileAccess.ReadWrite);
                byte* start = null;
                view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
                (_file, _view) = (file, view);
                _counter = (long*)(start + view.PointerOffset);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stream?.Dispose();
                Volatile.Write(ref _nextAttempt, DateTime.UtcNow.Ticks + RetryInterval);
                return false;
            }
        }
    }
}
