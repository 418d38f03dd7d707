using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Parking;

/// <summary>
/// Feeds each bay's pure <see cref="BayDetector"/> with every sample of its magnetometer (x, y, z of one read, as the
/// bus poller handed it over), records <c>parking.*</c> and <c>sensor.*</c> events and publishes <c>{bay}.occupied</c>.
/// The replay CLI calls <see cref="ControlLoop.Step"/> after each trace row, so host and replay run the same code.
/// </summary>
internal sealed partial class ParkingService : ControlLoop
{
    private readonly Dictionary<string, Bay> _bays = new(StringComparer.Ordinal);
    private readonly ILogger<ParkingService> _logger;

    /// <summary>Creates the service for the configured bays, subscribed to their magnetometers.</summary>
    public ParkingService(GatewayOptions options, SampleHub hub, IRecorder recorder, TimeProvider time, ILogger<ParkingService> logger)
        : base(hub, recorder, options.ParkingBays.Select(b => b.Magnetometer), time, TimeSpan.FromMilliseconds(250), logger)
    {
        _logger = logger;
        foreach (var b in options.ParkingBays)
        {
            _bays[b.Id] = new Bay(b.Magnetometer, new BayDetector(b.ToDetector())) { State = BayState.Initial(b.Id) };
        }
    }

    /// <summary>The points the service publishes, for <c>meta</c>.</summary>
    public static IEnumerable<PointInfo> PointsOf(GatewayOptions options) =>
        options.ParkingBays.Select(b => new PointInfo($"{b.Id}.occupied", "", "occupancy", b.Id));

    /// <summary>Every bay's status (for <c>state.get</c>).</summary>
    internal IReadOnlyList<BayStatus> Status => Locked<IReadOnlyList<BayStatus>>(() => [.. _bays.Values.Select(b => BayDetector.Status(b.State))]);

    /// <summary>Installer's "this bay is empty now". Throws <see cref="CommandException"/> for an unknown bay or no usable sample.</summary>
    internal BayStatus Calibrate(string bayId, DateTimeOffset now)
    {
        lock (Gate)
        {
            if (!_bays.TryGetValue(bayId, out var bay))
            {
                throw new CommandException("bad_request", $"No bay '{bayId}'; known: {string.Join(", ", _bays.Keys.Order())}");
            }

            if (bay.Last is not { IsUsable: true } sample)
            {
                throw new CommandException("unavailable", $"Bay '{bayId}': its magnetometer has no good reading to calibrate on");
            }

            Apply(bay, bay.Detector.Calibrate(bay.State, sample, now));
            LogCalibrated(_logger, bayId);
            return BayDetector.Status(bay.State);
        }
    }

    /// <inheritdoc />
    protected override void OnSample(DeviceSample sample)
    {
        var (px, py, pz) = RolePoints.Field(sample.Device);
        if (sample.Find(px) is not { } x || sample.Find(py) is not { } y || sample.Find(pz) is not { } z)
        {
            return;
        }

        // A bad axis makes the whole sample unusable; the three axes are one read, never a fresh one beside stale ones.
        var quality = new[] { x.Quality, y.Quality, z.Quality }.Max();
        var mag = quality == Quality.Bad ? MagSample.Missing : new MagSample(x.Value, y.Value, z.Value, quality);
        foreach (var bay in _bays.Values.Where(b => b.Magnetometer == sample.Device))
        {
            bay.Last = mag;
            Apply(bay, bay.Detector.Decide(bay.State, mag, sample.Timestamp));
        }
    }

    private void Apply(Bay bay, BayDecision decision)
    {
        bay.State = decision.State;
        Publish(decision.Readings, decision.Events);
        foreach (var e in decision.Events.Where(e => e.Type == "sensor.fault"))
        {
            LogSensorFault(_logger, e.Source, bay.Magnetometer);
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

        public MagSample? Last { get; set; }
    }
}
