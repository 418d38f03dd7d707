using System.Device.I2c;
using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Bh1750;

/// <summary><c>bh1750</c>: the ROHM BH1750FVI photocell (see README.md beside this file).</summary>
public sealed class Bh1750Kind : I2cDeviceKind
{
    /// <inheritdoc />
    public override string Name => "bh1750";

    /// <inheritdoc />
    public override string Part => "ROHM BH1750FVI ambient light sensor";

    /// <inheritdoc />
    public override DeviceRole Role => DeviceRole.LightSensor;

    /// <inheritdoc />
    public override IReadOnlyList<PointTemplate> Points { get; } = [new("lux", "lx", "illuminance")];

    /// <inheritdoc />
    public override IReadOnlyList<int> Addresses { get; } = [SimulatedBh1750.DefaultAddress, 0x5C];

    /// <inheritdoc />
    public override IDevice Open(string id, I2cDevice bus, TimeSpan pollInterval) => new LightSensor(id, bus, pollInterval);

    /// <inheritdoc />
    public override SimulatedI2cDevice Simulate(int busId, int address) => new SimulatedBh1750(busId, address);
}
