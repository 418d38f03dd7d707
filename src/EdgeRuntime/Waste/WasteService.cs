using EdgeGateway.Drivers.Distance;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Hosting;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Waste;

/// <summary>
/// Fires each bin's measurement cycle on its interval through its <see cref="IDistanceSource"/>, feeds the
/// burst to the pure <see cref="BinMonitor"/>, records <c>bin.*</c>/<c>sensor.*</c> events and publishes
/// <c>{bin}.fill</c>. The replay CLI calls <see cref="StepBin"/> once per recorded burst.
/// </summary>
public sealed partial class WasteService : PeriodicService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bin> _bins = new(StringComparer.Ordinal);
    private readonly ReadingSink _sink;
    private readonly IRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger<WasteService> _logger;

    /// <summary>Creates the service for the configured bins, opening their distance sources.</summary>
    public WasteService(GatewayOptions options, IDistanceSourceFactory sources, ReadingSink sink, IRecorder recorder, TimeProvider time, ILogger<WasteService> logger, PointTable points)
        : base(time, Period, logger)
    {
        _sink = sink;
        _recorder = recorder;
        _time = time;
        _logger = logger;
        foreach (var b in options.Bins)
        {
            _bins[b.Id] = new Bin(b, sources.Open(b.DistanceSource, b.PingsPerCycle), new BinMonitor(b.ToMonitor())) { State = BinState.Initial(b.Id) };
        }

        points.Declare(options.Bins.Select(b => new PointInfo($"{b.Id}.fill", "%", "fillLevel", b.Id)));
    }

    /// <summary>Every bin's status (for <c>state.get</c>).</summary>
    internal IReadOnlyList<BinStatus> Status
    {
        get
        {
            lock (_gate)
            {
                return [.. _bins.Values.Select(b => BinMonitor.Status(b.State))];
            }
        }
    }

    /// <summary>The bins fed by the distance source <paramref name="sourceId"/>.</summary>
    internal IReadOnlyList<string> BinsOf(string sourceId) =>
        [.. _bins.Values.Where(b => b.Options.DistanceSource == sourceId).Select(b => b.Options.Id)];

    /// <summary>Runs the cycle of every bin that is due at <paramref name="now"/>.</summary>
    internal void Step(DateTimeOffset now)
    {
        foreach (var bin in _bins.Values)
        {
            if (bin.Due is { } due && now < due)
            {
                continue;
            }

            // Next cycle counts from the schedule, not from now, so cycles keep their period.
            bin.Due = bin.Due is { } d && d + bin.Options.CycleInterval > now ? d + bin.Options.CycleInterval : now + bin.Options.CycleInterval;
            StepBin(bin.Options.Id, now);
        }
    }

    /// <summary>One measurement cycle of one bin at <paramref name="now"/>.</summary>
    internal void StepBin(string binId, DateTimeOffset now)
    {
        var bin = _bins[binId];
        IReadOnlyList<double> pings;
        try
        {
            pings = bin.Source.PingCycle(now);
        }
        catch (IOException ex)
        {
            // A sensor that does not answer is a cycle with no echo at all: the monitor keeps the last fill (Bad)
            // and raises sensor.fault after its streak.
            LogNoAnswer(_logger, binId, bin.Source.Id, ex.Message);
            pings = [.. Enumerable.Repeat(double.NaN, bin.Options.PingsPerCycle)];
        }

        lock (_gate)
        {
            var decision = bin.Monitor.Decide(bin.State, pings, now);
            bin.State = decision.State;
            foreach (var r in decision.Readings)
            {
                _sink.Publish(r);
            }

            foreach (var e in decision.Events)
            {
                _recorder.Record(e);
            }
        }
    }

    /// <inheritdoc />
    protected override void Tick(DateTimeOffset now) => Step(now);

    [LoggerMessage(700, LogLevel.Debug, "Bin {BinId}: distance source {DeviceId} did not answer: {Reason}")]
    private static partial void LogNoAnswer(ILogger logger, string binId, string deviceId, string reason);

    private sealed class Bin(WasteBinOptions options, IDistanceSource source, BinMonitor monitor)
    {
        public WasteBinOptions Options { get; } = options;

        public IDistanceSource Source { get; } = source;

        public BinMonitor Monitor { get; } = monitor;

        public required BinState State { get; set; }

        public DateTimeOffset? Due { get; set; }
    }
}
