using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Gpio;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Hosting;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Cabinet;

/// <summary>
/// The cabinet's own alarms: the door contact through <see cref="DoorDebouncer"/> (severity from night and the
/// technician session), the climate sensor through <see cref="ClimateMonitor"/>, the mains voltage point (if
/// configured) through <see cref="MainsMonitor"/>. Steps on a periodic tick and on every door edge.
/// </summary>
public sealed partial class CabinetService : PeriodicService
{
    // Sunset/sunrise: the sun's centre 0.833° below the horizon (refraction + semi-diameter, NOAA).
    private const double HorizonDegrees = -0.833;
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly GatewayOptions _options;
    private readonly PointTable _points;
    private readonly ReadingSink _sink;
    private readonly IRecorder _recorder;
    private readonly TimeProvider _time;
    private readonly ILogger<CabinetService> _logger;
    private readonly DoorContact? _door;
    private readonly DoorDebouncer _debouncer;
    private readonly ClimateMonitor _climate;
    private readonly MainsMonitor _mains = new();
    private DoorState _doorState = DoorState.Initial;
    private ThresholdState _climateState = ThresholdState.Initial;
    private ThresholdState _mainsState = ThresholdState.Initial;
    private DateTimeOffset? _climateFed;
    private DateTimeOffset? _mainsFed;

    /// <summary>Creates the service; <paramref name="door"/> is null when no door contact is configured.</summary>
    public CabinetService(GatewayOptions options, PointTable points, ReadingSink sink, IRecorder recorder, TimeProvider time, ILogger<CabinetService> logger, DoorContact? door)
        : base(time, Period, logger)
    {
        _options = options;
        _points = points;
        _sink = sink;
        _recorder = recorder;
        _time = time;
        _logger = logger;
        _door = door;
        var c = options.Cabinet;
        _debouncer = new DoorDebouncer(debounce: c.DoorDebounce);
        _climate = new ClimateMonitor(onAboveC: c.OvertempOnC, clearBelowC: c.OvertempClearC, hold: c.OvertempHold);
        if (door is not null)
        {
            points.Declare([new PointInfo("cabinet.door", "", "doorOpen", "cabinet")]);

            // An edge steps at once (the debouncer then waits for the level to hold; the tick confirms it).
            door.Changed += _ => Step(_time.GetUtcNow());
        }
    }

    /// <summary>The technician session (one per cabinet: the MQTT command and the technician page share it).</summary>
    public TechnicianSession Session { get; } = new();

    /// <summary>The cabinet's status.</summary>
    internal CabinetStatus Status
    {
        get
        {
            var now = _time.GetUtcNow();
            lock (_gate)
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

    /// <summary>One look at the door, and at any new climate or mains reading.</summary>
    internal void Step(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_door is not null)
            {
                bool open;
                try
                {
                    open = _door.IsOpen;
                }
                catch (IOException)
                {
                    // An unreadable contact is treated as open: the safe side for an intrusion alarm.
                    open = true;
                }

                var d = _debouncer.Decide(_doorState, new DoorInput(open, IsNight(now), SessionActive(now)), now);
                _doorState = d.State;
                Emit(d.Events);
                if (d.Events.Count > 0)
                {
                    _sink.Publish(new Reading("cabinet.door", now, _doorState.Open == true ? 1 : 0, Quality.Good));
                }
            }

            if (_options.Cabinet.ClimateSensor.Length > 0 && Fresh(RolePoints.Temperature(_options.Cabinet.ClimateSensor), ref _climateFed) is { } t)
            {
                var d = _climate.Decide(_climateState, t, t.Timestamp);
                _climateState = d.State;
                Emit(d.Events);
            }

            if (_options.Cabinet.MainsVoltagePoint.Length > 0 && Fresh(_options.Cabinet.MainsVoltagePoint, ref _mainsFed) is { } v)
            {
                var d = _mains.Decide(_mainsState, v, v.Timestamp);
                _mainsState = d.State;
                Emit(d.Events);
            }
        }
    }

    /// <inheritdoc />
    protected override void Tick(DateTimeOffset now) => Step(now);

    private bool IsNight(DateTimeOffset now) =>
        SunPosition.ElevationDegrees(_options.Site.Latitude, _options.Site.Longitude, now) < HorizonDegrees;

    private bool SessionActive(DateTimeOffset now) => Session.Current(now) is not null;

    private Reading? Fresh(string point, ref DateTimeOffset? fed)
    {
        if (_points.Get(point) is not { } r || r.Timestamp == fed)
        {
            return null;
        }

        fed = r.Timestamp;
        return r;
    }

    private void Emit(IReadOnlyList<GatewayEvent> events)
    {
        foreach (var e in events)
        {
            _recorder.Record(e);
            if (e.Severity == Severity.Critical)
            {
                LogCritical(_logger, e.Type, e.Source);
            }
        }
    }

    [LoggerMessage(800, LogLevel.Warning, "Cabinet: {EventType} from {Source}")]
    private static partial void LogCritical(ILogger logger, string eventType, string source);

    [LoggerMessage(801, LogLevel.Information, "Technician session open={Open} by {By} until {Until}")]
    private static partial void LogSession(ILogger logger, bool open, string by, DateTimeOffset? until);
}
