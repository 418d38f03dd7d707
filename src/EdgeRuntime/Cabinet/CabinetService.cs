using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Runtime.Astro;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Cabinet;

/// <summary>
/// The cabinet's own alarms: the door contact's level (sampled by the <see cref="Polling.DoorPoller"/>) through
/// <see cref="DoorDebouncer"/> (severity from night, by the astronomical clock, and the technician session), each
/// sample of the climate sensor through <see cref="ClimateMonitor"/>, each sample of the mains voltage point (if
/// configured) through <see cref="MainsMonitor"/>.
/// </summary>
internal sealed partial class CabinetService : ControlLoop
{
    /// <summary>The device id the door contact's samples carry (not a point: the published point is the debounced <c>cabinet.door</c>).</summary>
    public const string DoorDevice = "cabinet-door";

    /// <summary>The point of a door sample: 1 = the contact reads open.</summary>
    public const string DoorContactPoint = "cabinet-door.open";

    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CabinetService> _logger;
    private readonly bool _hasDoor;
    private readonly DoorDebouncer _debouncer;
    private readonly ClimateMonitor _climate;
    private readonly MainsMonitor _mains = new();
    private DoorState _doorState = DoorState.Initial;
    private ThresholdState _climateState = ThresholdState.Initial;
    private ThresholdState _mainsState = ThresholdState.Initial;
    private bool _doorOpen;

    /// <summary>Creates the service, subscribed to the door contact (when <c>Cabinet:DoorPin</c> is set), the climate
    /// sensor and the mains meter.</summary>
    public CabinetService(GatewayOptions options, SampleHub hub, IRecorder recorder, TimeProvider time, ILogger<CabinetService> logger)
        : base(hub, recorder, [DoorDevice, options.Cabinet.ClimateSensor, DeviceSample.DeviceOf(options.Cabinet.MainsVoltagePoint)], time, TimeSpan.FromMilliseconds(100), logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
        _hasDoor = options.Cabinet.DoorPin is not null;
        var c = options.Cabinet;
        _debouncer = new DoorDebouncer(debounce: c.DoorDebounce);
        _climate = new ClimateMonitor(onAboveC: c.OvertempOnC, clearBelowC: c.OvertempClearC, hold: c.OvertempHold);
    }

    /// <summary>The points the service publishes, for <c>meta</c>.</summary>
    public static IEnumerable<PointInfo> PointsOf(GatewayOptions options) =>
        options.Cabinet.DoorPin is null ? [] : [new PointInfo("cabinet.door", "", "doorOpen", "cabinet")];

    /// <summary>The technician session (one per cabinet: the MQTT command and the technician page share it).</summary>
    public TechnicianSession Session { get; } = new();

    /// <summary>The cabinet's status.</summary>
    internal CabinetStatus Status
    {
        get
        {
            var now = _time.GetUtcNow();
            lock (Gate)
            {
                return new(_doorState.Open, _doorState.Openings, Session.Current(now)?.Until, _climateState.Active, _mainsState.Active, IsNight(now));
            }
        }
    }

    /// <summary>Opens (for <paramref name="duration"/>) or closes the technician session; <paramref name="by"/> says
    /// who asked (<c>mqtt</c>, <c>technician page</c>). Returns the open session, or null once closed.</summary>
    internal TechnicianSessionStatus? SetSession(bool open, TimeSpan duration, DateTimeOffset now, string by = "mqtt")
    {
        TechnicianSessionStatus? status = null;
        if (open)
        {
            status = Session.Open(by, duration, now);
        }
        else
        {
            Session.Close();
        }

        LogSession(_logger, open, by, status?.Until);
        return status;
    }

    /// <inheritdoc />
    protected override void OnSample(DeviceSample sample)
    {
        if (sample.Device == DoorDevice && sample.Find(DoorContactPoint) is { } door)
        {
            // An unreadable contact is treated as open: the safe side for an intrusion alarm.
            _doorOpen = door.Quality == Quality.Bad || door.Value != 0;
        }

        if (_options.Cabinet.ClimateSensor.Length > 0 && sample.Find(RolePoints.Temperature(_options.Cabinet.ClimateSensor)) is { } t)
        {
            var d = _climate.Decide(_climateState, t, t.Timestamp);
            _climateState = d.State;
            Emit(d.Events);
        }

        if (_options.Cabinet.MainsVoltagePoint.Length > 0 && sample.Find(_options.Cabinet.MainsVoltagePoint) is { } v)
        {
            var d = _mains.Decide(_mainsState, v, v.Timestamp);
            _mainsState = d.State;
            Emit(d.Events);
        }
    }

    /// <summary>The door's debounced state at <paramref name="now"/> from the contact's last sampled level.</summary>
    protected override void Decide(DateTimeOffset now)
    {
        if (!_hasDoor)
        {
            return;
        }

        var d = _debouncer.Decide(_doorState, new DoorInput(_doorOpen, IsNight(now), SessionActive(now)), now);
        _doorState = d.State;
        Emit(d.Events);
        if (d.Events.Count > 0)
        {
            Publish(new Reading("cabinet.door", now, _doorState.Open == true ? 1 : 0, Quality.Good));
        }
    }

    // Night by the astronomical clock (NOAA, the lighting's own calculator): the sun's centre below the official
    // horizon, 90.833° from the zenith (refraction and semi-diameter).
    private bool IsNight(DateTimeOffset now) =>
        SolarCalculator.ZenithAt(now, _options.Site.Latitude, _options.Site.Longitude) > SolarCalculator.OfficialZenith;

    private bool SessionActive(DateTimeOffset now) => Session.Current(now) is not null;

    private void Emit(IReadOnlyList<GatewayEvent> events)
    {
        Publish([], events);
        foreach (var e in events.Where(e => e.Severity == Severity.Critical))
        {
            LogCritical(_logger, e.Type, e.Source);
        }
    }

    [LoggerMessage(800, LogLevel.Warning, "Cabinet: {EventType} from {Source}")]
    private static partial void LogCritical(ILogger logger, string eventType, string source);

    [LoggerMessage(801, LogLevel.Information, "Technician session open={Open} by {By} until {Until}")]
    private static partial void LogSession(ILogger logger, bool open, string by, DateTimeOffset? until);
}
