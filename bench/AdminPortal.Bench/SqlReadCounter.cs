using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Bench;

/// <summary>
/// Counts the SQL reads (SELECT) EF Core runs in this process, from its DiagnosticSource events, so that nothing in the
/// measured host changes. A read is charged to the flood when it runs in an async flow that called <see cref="ChargeToFlood"/>
/// (the flood's own requests), else to the rest.
/// </summary>
internal sealed class SqlReadCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<bool> InFlood = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly IDisposable _listeners;
    private long _flood;
    private long _other;

    public SqlReadCounter() => _listeners = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Reads run by the flood's requests.</summary>
    public long FloodReads => Interlocked.Read(ref _flood);

    /// <summary>Every other read.</summary>
    public long OtherReads => Interlocked.Read(ref _other);

    /// <summary>Charges the reads of the calling async flow (and what it awaits) to the flood.</summary>
    public static void ChargeToFlood() => InFlood.Value = true;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandExecutedEventData executed && executed.Command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref InFlood.Value ? ref _flood : ref _other);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _listeners.Dispose();
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
