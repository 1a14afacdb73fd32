using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Numerics;
using System.Runtime.CompilerServices;
using AdminPortal.Tokens.Service;
using AdminPortal.Tokens.Verification;

namespace AdminPortal.Tokens.Telemetry;

/// <summary>
/// The portal's metrics (the <see cref="MeterName"/> meter) and traces (the <see cref="ActivitySourceName"/> activity
/// source), recorded by the domain and the API; exported only when the host configures an exporter (OTLP, Prometheus),
/// otherwise they cost next to nothing.
/// </summary>
/// <remarks>
/// Verifications are the hot path (about a microsecond each with a warm cache), so they are not counted through a
/// <see cref="Counter{T}"/>: each adds one to a slot of a striped array (one stripe per processor, so two cores do not
/// fight over a cache line), and <see cref="VerificationsName"/> and <see cref="CacheLookupsName"/> are observable
/// counters that sum the slots when a reader collects. The latency histogram is recorded only while a reader listens to
/// it: every verification read from the database, and one cache hit in <see cref="HitSampling"/> (taking the time and
/// recording it costs about 20% of a warm verification; a fixed fraction keeps the distribution and costs ~0.3%).
/// </remarks>
public sealed class PortalTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "AdminPortal";

    /// <summary>The activity source's name: spans of the token service's operations.</summary>
    public const string ActivitySourceName = "AdminPortal";

    /// <summary>Verifications answered, by outcome.</summary>
    public const string VerificationsName = "adminportal.verifications";

    /// <summary>Verification cache look-ups that led to an answer, by result (hit, miss).</summary>
    public const string CacheLookupsName = "adminportal.verification.cache.lookups";

    /// <summary>Time to answer a verification, by cache result.</summary>
    public const string VerificationDurationName = "adminportal.verification.duration";

    /// <summary>API requests refused at authentication, by reason.</summary>
    public const string AuthenticationRefusalsName = "adminportal.authentication.refusals";

    /// <summary>Committed changes that verification must see, by kind.</summary>
    public const string TokenChangesName = "adminportal.token.changes";

    /// <summary>Time from a change's commit on another node to its arrival in this node's cache.</summary>
    public const string PropagationLagName = "adminportal.token.change.propagation";

    /// <summary>Tokens written by one usage flush.</summary>
    public const string UsageFlushSizeName = "adminportal.usage.flush.size";

    /// <summary>Time of one usage flush.</summary>
    public const string UsageFlushDurationName = "adminportal.usage.flush.duration";

    /// <summary>Database commands and transactions that failed, by error type.</summary>
    public const string DatabaseErrorsName = "adminportal.database.errors";

    /// <summary>One cache hit in this many has its latency recorded (per thread); the counters count every one.</summary>
    public const int HitSampling = 64;

    /// <summary>The spans of the token and user services' operations.</summary>
    public static readonly ActivitySource Actions = new(ActivitySourceName);

    // Verification slots: one per (outcome, cache result). A stripe is padded to whole cache lines on both sides.
    private const int CacheResults = 3;
    private const int PaddingLongs = 8;
    private static readonly int Outcomes = Enum.GetValues<VerifyOutcome>().Length;
    private static readonly int Slots = Outcomes * CacheResults;
    private static readonly string[] OutcomeNames = [.. Enum.GetValues<VerifyOutcome>().Select(OutcomeName)];
    private static readonly string[] CacheResultNames = ["hit", "miss", "none"];
    private static readonly KeyValuePair<string, object?>[] DurationTags =
        [new("cache", CacheResultNames[(int)CacheResult.Hit]), new("cache", CacheResultNames[(int)CacheResult.Miss])];

    // Buckets in seconds from 2 µs (a warm verification) to 1 s (a database read behind a slow server).
    private static readonly double[] VerificationBuckets =
        [0.000002, 0.000005, 0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly long[] SizeBuckets = [0, 1, 5, 10, 50, 100, 500, 1000, 5000, 10000, 50000];

    [ThreadStatic]
    private static uint t_verifications;

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly int _stripeMask;
    private readonly int _stripeLength;
    private readonly long[] _verifications;
    private readonly Histogram<double> _verificationDuration;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _changes;
    private readonly Histogram<double> _propagationLag;
    private readonly Histogram<long> _flushSize;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _databaseErrors;

    /// <summary>Creates the instruments on a meter from <paramref name="meters"/>, or on a meter of its own without one.</summary>
    public PortalTelemetry(IMeterFactory? meters = null)
    {
        _ownsMeter = meters is null;
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);

        var stripes = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, Environment.ProcessorCount));
        _stripeMask = stripes - 1;
        _stripeLength = Slots + PaddingLongs;
        _verifications = new long[PaddingLongs + (stripes * _stripeLength)];

        _meter.CreateObservableCounter(VerificationsName, ObserveVerifications, "{verification}",
            "Verifications answered, by outcome (valid, malformed, unknown, not_yet_valid, expired, revoked, owner_deactivated).");
        _meter.CreateObservableCounter(CacheLookupsName, ObserveCacheLookups, "{lookup}",
            "Verification cache look-ups that answered a verification: hit (from memory) or miss (read from the database).");
        _verificationDuration = _meter.CreateHistogram(VerificationDurationName, "s",
            $"Time to answer a verification that consulted the cache, by cache result: every miss (read from the database), one hit in {HitSampling}.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = VerificationBuckets });
        _refusals = _meter.CreateCounter<long>(AuthenticationRefusalsName, "{request}",
            "API requests refused at authentication, by reason (malformed_header, invalid_token, owner_deactivated, too_many_failures).");
        _changes = _meter.CreateCounter<long>(TokenChangesName, "{change}",
            "Committed changes that verification must see, made by this node, by kind.");
        _propagationLag = _meter.CreateHistogram(PropagationLagName, "s",
            "Time from the commit of a change on another node to its arrival in this node's verification cache.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _flushSize = _meter.CreateHistogram(UsageFlushSizeName, "{token}",
            "Tokens whose last use one usage flush wrote.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = SizeBuckets });
        _flushDuration = _meter.CreateHistogram(UsageFlushDurationName, "s",
            "Time of one usage flush that had something to write, by result (ok, failed).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _databaseErrors = _meter.CreateCounter<long>(DatabaseErrorsName, "{error}",
            "Database commands and transactions that failed, by error.type: unavailable (the store cannot be used now) or other.");
    }

    /// <summary>Where a verification found its answer.</summary>
    public enum CacheResult
    {
        /// <summary>In the cache.</summary>
        Hit = 0,

        /// <summary>Not in the cache: read from the database.</summary>
        Miss = 1,

        /// <summary>The cache was not asked (a malformed secret).</summary>
        None = 2,
    }

    /// <summary>The meter (for tests that listen to this instance only).</summary>
    public Meter Meter => _meter;

    /// <summary>Whether a reader listens to the verification latency.</summary>
    public bool TimesVerifications => _verificationDuration.Enabled;

    /// <summary>
    /// At the start of a verification: its start (<see cref="Stopwatch.GetTimestamp"/>) when it is to be timed should the
    /// cache answer it (one in <see cref="HitSampling"/> while the latency is listened to), else 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long StartVerification() =>
        _verificationDuration.Enabled && (++t_verifications & (HitSampling - 1)) == 0 ? Stopwatch.GetTimestamp() : 0;

    /// <summary>When the cache could not answer: the start to time the database read from, if the verification was not timed already.</summary>
    public long StartMiss(long startedAt) => startedAt == 0 && _verificationDuration.Enabled ? Stopwatch.GetTimestamp() : startedAt;

    /// <summary>Counts a verification answered with <paramref name="outcome"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Verified(VerifyOutcome outcome, CacheResult cache)
    {
        var stripe = Thread.GetCurrentProcessorId() & _stripeMask;
        Interlocked.Increment(ref _verifications[PaddingLongs + (stripe * _stripeLength) + ((int)outcome * CacheResults) + (int)cache]);
    }

    /// <summary>Records the latency of a verification that began at <paramref name="startedAt"/> (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void VerificationTook(long startedAt, CacheResult cache) =>
        _verificationDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, DurationTags[(int)cache]);

    /// <summary>Counts an API request refused at authentication; <paramref name="reason"/> is one of a few fixed words.</summary>
    public void AuthenticationRefused(string reason) => _refusals.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>Counts a committed change of <paramref name="kind"/>.</summary>
    public void Changed(TokenChangeKind kind) => _changes.Add(1, new KeyValuePair<string, object?>("kind", KindName(kind)));

    /// <summary>
    /// Records how long a change committed on another node took to reach this node's cache. Fed by whatever carries
    /// changes between nodes, with the commit time as that node (or the database) recorded it.
    /// </summary>
    public void ChangeArrived(TimeSpan lag) => _propagationLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>Records one usage flush that wrote <paramref name="tokens"/> tokens (or failed) and began at <paramref name="startedAt"/>.</summary>
    public void UsageFlushed(int tokens, long startedAt, bool succeeded)
    {
        if (succeeded)
        {
            _flushSize.Record(tokens);
        }

        _flushDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("result", succeeded ? "ok" : "failed"));
    }

    /// <summary>Counts a failed database command or transaction.</summary>
    public void DatabaseFailed(bool unavailable) =>
        _databaseErrors.Add(1, new KeyValuePair<string, object?>("error.type", unavailable ? "unavailable" : "other"));

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>
    /// Runs one operation of the token or user service in a span named <paramref name="operation"/> (a child of the
    /// current request's span, if any; the SQL it runs are its children), tagged with the actor, the target and the
    /// result: "ok" or the refusal's code. Only a storage failure or an exception marks the span as an error: a refusal
    /// is an answer. Without a listener no span is made.
    /// </summary>
    public static async Task<Result<T>> TraceAsync<T>(string operation, Guid actorId, Guid? targetId, Func<Task<Result<T>>> run)
    {
        using var activity = Actions.StartActivity(operation);
        if (activity is null)
        {
            return await run();
        }

        activity.SetTag("adminportal.actor.id", actorId);
        if (targetId is { } target)
        {
            activity.SetTag("adminportal.target.id", target);
        }

        try
        {
            var result = await run();
            activity.SetTag("adminportal.result", result.Succeeded ? "ok" : result.Error.Code.ToString());
            if (result.Error?.Code == TokenErrorCode.StorageUnavailable)
            {
                activity.SetStatus(ActivityStatusCode.Error, result.Error.Message);
            }

            return result;
        }
        catch (Exception ex)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            activity.AddException(ex);
            throw;
        }
    }

    /// <summary>The word an outcome is reported as.</summary>
    public static string OutcomeName(VerifyOutcome outcome) => outcome switch
    {
        VerifyOutcome.Valid => "valid",
        VerifyOutcome.Malformed => "malformed",
        VerifyOutcome.Unknown => "unknown",
        VerifyOutcome.NotYetValid => "not_yet_valid",
        VerifyOutcome.Expired => "expired",
        VerifyOutcome.Revoked => "revoked",
        VerifyOutcome.OwnerDeactivated => "owner_deactivated",
        VerifyOutcome.AddressNotAllowed => "address_not_allowed",
        VerifyOutcome.RateLimited => "rate_limited",
        _ => "other",
    };

    /// <summary>The word a change's kind is reported as.</summary>
    public static string KindName(TokenChangeKind kind) => kind switch
    {
        TokenChangeKind.Created => "created",
        TokenChangeKind.Edited => "edited",
        TokenChangeKind.Revoked => "revoked",
        TokenChangeKind.Restored => "restored",
        TokenChangeKind.Rolled => "rolled",
        TokenChangeKind.Deleted => "deleted",
        TokenChangeKind.OwnerDeactivated => "owner_deactivated",
        TokenChangeKind.OwnerReactivated => "owner_reactivated",
        TokenChangeKind.OwnerChanged => "owner_changed",
        _ => "other",
    };

    private long Sum(int slot)
    {
        long total = 0;
        for (var start = PaddingLongs; start < _verifications.Length; start += _stripeLength)
        {
            total += Volatile.Read(ref _verifications[start + slot]);
        }

        return total;
    }

    private IEnumerable<Measurement<long>> ObserveVerifications()
    {
        for (var outcome = 0; outcome < Outcomes; outcome++)
        {
            long total = 0;
            for (var cache = 0; cache < CacheResults; cache++)
            {
                total += Sum((outcome * CacheResults) + cache);
            }

            if (total > 0)
            {
                yield return new Measurement<long>(total, new KeyValuePair<string, object?>("outcome", OutcomeNames[outcome]));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveCacheLookups()
    {
        for (var cache = 0; cache < (int)CacheResult.None; cache++)
        {
            long total = 0;
            for (var outcome = 0; outcome < Outcomes; outcome++)
            {
                total += Sum((outcome * CacheResults) + cache);
            }

            if (total > 0)
            {
                yield return new Measurement<long>(total, new KeyValuePair<string, object?>("result", CacheResultNames[cache]));
            }
        }
    }
}
