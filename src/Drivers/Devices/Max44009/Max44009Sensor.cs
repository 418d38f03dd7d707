using System.Device.I2c;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Drivers.Devices.Max44009;

/// <summary>
/// A MAX44009 ambient light sensor read through the real <c>Iot.Device.Max44009.Max44009</c> binding (default mode:
/// a measurement every 800 ms, automatic range). Produces <c>{id}.lux</c>; a NACK yields a Bad reading carrying the
/// last good value.
/// </summary>
public sealed class Max44009Sensor(string id, I2cDevice bus, TimeSpan interval)
    : SingleValueSensor(bus, interval, new PointInfo(RolePoints.Lux(id), "lx", "illuminance", id))
{
    private Iot.Device.Max44009.Max44009? _sensor;

    /// <inheritdoc />
    protected override double Read()
    {
        // The binding writes the configuration register in its constructor.
        _sensor ??= new Iot.Device.Max44009.Max44009(Bus);
        return _sensor.Illuminance;
    }

    /// <inheritdoc />
    protected override void Reset() => _sensor = null;
}
