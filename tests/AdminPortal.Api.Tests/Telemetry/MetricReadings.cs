using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace AdminPortal.Api.Tests.Telemetry;

/// <summary>
/// Reads the measurements of one meter instance (one host's), in process, with a <see cref="MeterListener"/>: counters
/// are summed, histograms' recordings kept, observable counters read on demand (their latest totals).
/// </summary>
internal sealed class MetricReadings : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> _recorded = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tags), double> _observed = new();

    public MetricReadings(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of a counter's measurements (or an observable counter's latest total) with the tag <paramref name="key"/>=<paramref name="value"/>.</summary>
    public double Total(string instrument, string key, string value)
    {
        _listener.RecordObservableInstruments();
        var observed = _observed.Where(o => o.Key.Instrument == instrument && o.Key.Tags == $"{key}={value}").Sum(o => o.Value);
        return observed + Recorded(instrument, key, value).Sum();
    }

    /// <summary>The values recorded by a histogram (or counter) with the tag <paramref name="key"/>=<paramref name="value"/>.</summary>
    public IReadOnlyList<double> Recorded(string instrument, string? key = null, string? value = null) =>
        [.. _recorded.Where(r => r.Instrument == instrument && (key is null || r.Tags.Any(t => t.Key == key && Equals(t.Value, value)))).Select(r => r.Value)];

    public void Dispose() => _listener.Dispose();

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (instrument.IsObservable)
        {
            _observed[(instrument.Name, string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}")))] = value;
        }
        else
        {
            _recorded.Enqueue((instrument.Name, value, tags.ToArray()));
        }
    }
}
