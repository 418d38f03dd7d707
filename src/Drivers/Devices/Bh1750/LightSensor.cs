using System.Device.I2c;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using Iot.Device.Bh1750fvi;

namespace EdgeGateway.Drivers.Devices.Bh1750;

/// <summary>
/// The cabinet's ambient light sensor (photocell): a BH1750FVI read through the Iot.Device.Bindings driver.
/// Produces one point, <c>{id}.lux</c>.
/// </summary>
public sealed class LightSensor : IPolledDevice, IDisposable
{
    private readonly I2cDevice _bus;
    private Bh1750fvi? _sensor;
    private double _last = double.NaN;

    /// <summary>Creates the sensor on the given bus device; the driver receives its bus, it never opens one.</summary>
    public LightSensor(string id, I2cDevice bus, TimeSpan interval)
    {
        Id = id;
        _bus = bus;
        Interval = interval;
        Points = [new PointInfo(PointName(id), "lx", "illuminance", id)];
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public IReadOnlyList<PointInfo> Points { get; }

    /// <inheritdoc />
    public DeviceHealth Health { get; } = new();

    /// <summary>The point a light sensor with this id publishes.</summary>
    public static string PointName(string id) => $"{id}.lux";

    /// <inheritdoc />
    public void Poll(DateTimeOffset now, ICollection<Reading> readings)
    {
        try
        {
            // The binding powers the chip on in its constructor; create it lazily so a sensor that is
            // absent at boot is retried on every poll instead of failing the gateway.
            _sensor ??= new Bh1750fvi(_bus);
            _last = _sensor.Illuminance.Lux;
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
