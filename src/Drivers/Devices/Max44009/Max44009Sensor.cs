using System.Device.I2c;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Drivers.Devices.Max44009;

/// <summary>
/// A MAX44009 ambient light sensor read through the real <c>Iot.Device.Max44009.Max44009</c> binding (default mode:
/// a measurement every 800 ms, automatic range). Produces <c>{id}.lux</c>; a NACK yields a Bad reading carrying the
/// last good value.
/// </summary>
public sealed class Max44009Sensor : IPolledDevice, IDisposable
{
    private readonly I2cDevice _bus;
    private Iot.Device.Max44009.Max44009? _sensor;
    private double _last = double.NaN;

    /// <summary>Creates the sensor on its bus device; the driver never opens a bus itself.</summary>
    public Max44009Sensor(string id, I2cDevice bus, TimeSpan interval)
    {
        Id = id;
        _bus = bus;
        Interval = interval;
        Points = [new PointInfo(RolePoints.Lux(id), "lx", "illuminance", id)];
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public IReadOnlyList<PointInfo> Points { get; }

    /// <inheritdoc />
    public DeviceHealth Health { get; } = new();

    /// <inheritdoc />
    public void Poll(DateTimeOffset now, ICollection<Reading> readings)
    {
        try
        {
            // The binding writes the configuration register in its constructor: created lazily, so an absent sensor is retried.
            _sensor ??= new Iot.Device.Max44009.Max44009(_bus);
            _last = _sensor.Illuminance;
            Health.Success(now);
            readings.Add(new Reading(Points[0].Point, now, _last, Quality.Good));
        }
        catch (IOException ex)
        {
            _sensor = null;
            Health.Failure(ex.Message, now);
            readings.Add(new Reading(Points[0].Point, now, _last, Quality.Bad));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _bus.Dispose();
}
