using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Hosting;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Feeds each bay's pure <see cref="BayDetector"/> with every new sample of its magnetometer from the point
/// table, records <c>parking.*</c> and <c>sensor.*</c> events and publishes <c>{bay}.occupied</c>. The replay
/// CLI calls <see cref="Step"/> after each trace row, so host and replay run the same code.
/// </summary>
public sealed partial class ParkingService : PeriodicService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Bay> _bays = new(StringComparer.Ordinal);
    private readonly PointTable _points;
    private readonly ReadingSink _sink;
    private readonly IRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger<ParkingService> _logger;

    /// <summary>Creates the service for the configured bays.</summary>
    public ParkingService(GatewayOptions options, PointTable points, ReadingSink sink, IRecorder recorder, TimeProvider time, ILogger<ParkingService> logger)
        : base(time, Period, logger)
    {
        _points = points;
        _sink = sink;
        _recorder = recorder;
        _time = time;
        _logger = logger;
        foreach (var b in options.ParkingBays)
        {
            _bays[b.Id] = new Bay(b.Magnetometer, new BayDetector(b.ToDetector())) { State = BayState.Initial(b.Id) };
        }

        points.Declare(options.ParkingBays.Select(b => new PointInfo($"{b.Id}.occupied", "", "occupancy", b.Id)));
    }

    /// <summary>Every bay's status (for <c>state.get</c>).</summary>
    internal IReadOnlyList<BayStatus> Status
    {
        get
        {
            lock (_gate)
            {
                return [.. _bays.Values.Select(b => BayDetector.Status(b.State))];
            }
        }
    }

    /// <summary>Feeds every bay whose magnetometer has a sample newer than the last one fed.</summary>
    internal void Step(DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var bay in _bays.Values)
            {
                if (Latest(bay) is not { } sample || sample.Ts == bay.LastFed)
                {
                    continue;
                }

                bay.LastFed = sample.Ts;
                Apply(bay, bay.Detector.Decide(bay.State, sample.Sample, sample.Ts));
            }
        }
    }

    /// <summary>Installer's "this bay is empty now". Throws <see cref="CommandException"/> for an unknown bay or no usable sample.</summary>
    internal BayStatus Calibrate(string bayId, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_bays.TryGetValue(bayId, out var bay))
            {
                throw new CommandException("bad_request", $"No bay '{bayId}'; known: {string.Join(", ", _bays.Keys.Order())}");
            }

            if (Latest(bay) is not { Sample.IsUsable: true } sample)
            {
                throw new CommandException("unavailable", $"Bay '{bayId}': its magnetometer has no good reading to calibrate on");
            }

            Apply(bay, bay.Detector.Calibrate(bay.State, sample.Sample, now));
            LogCalibrated(_logger, bayId);
            return BayDetector.Status(bay.State);
        }
    }

    /// <inheritdoc />
    protected override void Tick(DateTimeOffset now) => Step(now);

    private (DateTimeOffset Ts, MagSample Sample)? Latest(Bay bay)
    {
        var (px, py, pz) = RolePoints.Field(bay.Magnetometer);
        if (_points.Get(px) is not { } x || _points.Get(py) is not { } y || _points.Get(pz) is not { } z)
        {
            return null;
        }

        // A bad axis makes the whole sample unusable: the bay logic never mixes a fresh axis with a stale one.
        var quality = new[] { x.Quality, y.Quality, z.Quality }.Max();
        return (x.Timestamp, quality == Quality.Bad ? MagSample.Missing : new MagSample(x.Value, y.Value, z.Value, quality));
    }

    private void Apply(Bay bay, BayDecision decision)
    {
        bay.State = decision.State;
        foreach (var r in decision.Readings)
        {
            _sink.Publish(r);
        }

        foreach (var e in decision.Events)
        {
            _recorder.Record(e);
            if (e.Type == "sensor.fault")
            {
                LogSensorFault(_logger, e.Source, bay.Magnetometer);
            }
        }
    }

    [LoggerMessage(600, LogLevel.Warning, "Bay {BayId}: magnetometer {DeviceId} gave no usable sample for too long")]
    private static partial void LogSensorFault(ILogger logger, string bayId, string deviceId);

    [LoggerMessage(601, LogLevel.Information, "Bay {BayId} calibrated as empty")]
    private static partial void LogCalibrated(ILogger logger, string bayId);

    private sealed class Bay(string magnetometer, BayDetector detector)
    {
        public string Magnetometer { get; } = magnetometer;

        public BayDetector Detector { get; } = detector;

        public required BayState State { get; set; }

        public DateTimeOffset? LastFed { get; set; }
    }
}
