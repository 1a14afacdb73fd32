using System.IO.MemoryMappedFiles;

namespace AdminPortal.Tokens.Verification;

/// <summary>
/// Tells the processes that share one SQLite file about each other's changes, so that a token revoked by the operators'
/// command line is refused by a running portal on its very next call. It is a 64-bit counter in a small memory-mapped
/// file beside the database (<c>adminportal.db-changes</c>): every process increments it atomically after each committed
/// change (it is an <see cref="ITokenChangeListener"/>, so it hears what <see cref="TokenChanges"/> publishes), and the
/// <see cref="VerificationCache"/> reads it before every look-up. Reading it is one load from shared memory, not a
/// system call, so a warm verification stays in microseconds; the cache is dropped only when another process moved it.
/// </summary>
/// <remarks>
/// The change is committed before the counter moves and the command line acknowledges only after both, so once the
/// operator sees "revoked" no call that begins afterwards can be served from a stale entry. Processes on other machines
/// (several nodes on PostgreSQL) need a notification channel instead; see <see cref="TokenChanges"/>.
/// </remarks>
public sealed unsafe class CrossProcessChanges : ITokenChangeListener, IDisposable
{
    private const int Size = sizeof(long);

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    // After Dispose it points at a private counter, so that a late reader never touches unmapped memory.
    private static readonly long* Detached = (long*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(Size);
    private long* _counter;
    private long _seen;
    private int _disposed;

    /// <summary>Opens (or creates) the counter file at <paramref name="path"/>.</summary>
    public CrossProcessChanges(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < Size)
        {
            // Two processes creating the file at once both extend it to the same zero-filled length.
            stream.SetLength(Size);
        }

        _file = MemoryMappedFile.CreateFromFile(stream, null, Size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: false);
        _view = _file.CreateViewAccessor(0, Size, MemoryMappedFileAccess.ReadWrite);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _counter = (long*)(start + _view.PointerOffset);
        _seen = Volatile.Read(ref *_counter);
    }

    /// <summary>The path of the counter file for a SQLite database file.</summary>
    public static string PathFor(string databasePath) => databasePath + "-changes";

    /// <summary>The counter's value now: the number of changes every process has committed since the file was created.</summary>
    public long Current => Volatile.Read(ref *_counter);

    /// <summary>Counts a change this process committed.</summary>
    public void OnTokenChanged(TokenChange change)
    {
        var now = Interlocked.Increment(ref *_counter);

        // Nobody else changed anything since we last looked: our own change needs no clearing (the cache heard it).
        Interlocked.CompareExchange(ref _seen, now, now - 1);
    }

    /// <summary>
    /// When another process committed a change since this one last caught up, calls <paramref name="drop"/> (which drops
    /// what was derived from the database) and answers true. The drop happens before the change counts as seen, so a
    /// concurrent caller either drops as well or finds the drop done.
    /// </summary>
    public bool CatchUp<TState>(TState state, Action<TState> drop)
    {
        ArgumentNullException.ThrowIfNull(drop);
        var current = Volatile.Read(ref *_counter);
        var seen = Volatile.Read(ref _seen);
        if (current == seen)
        {
            return false;
        }

        drop(state);
        Interlocked.CompareExchange(ref _seen, current, seen);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The container may dispose it once per service it is registered as.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _counter = Detached;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
