using System.Device.I2c;
using EdgeGateway.Drivers.Polling;
using Iot.Device.Bh1750fvi;

namespace EdgeGateway.Drivers.Devices.Bh1750;

/// <summary>
/// The cabinet's ambient light sensor (photocell): a BH1750FVI read through the Iot.Device.Bindings driver.
/// Produces one point, <c>{id}.lux</c>.
/// </summary>
public sealed class LightSensor(string id, I2cDevice bus, TimeSpan interval)
    : SingleValueSensor(bus, interval, new PointInfo(PointName(id), "lx", "illuminance", id))
{
    private Bh1750fvi? _sensor;

    /// <summary>The point a light sensor with this id publishes.</summary>
    public static string PointName(string id) => RolePoints.Lux(id);

    /// <inheritdoc />
    protected override double Read()
    {
        // The binding powers the chip on in its constructor.
        _sensor ??= new Bh1750fvi(Bus);
        return _sensor.Illuminance.Lux;
    }

    /// <inheritdoc />
    protected override void Reset() => _sensor = null;
}
