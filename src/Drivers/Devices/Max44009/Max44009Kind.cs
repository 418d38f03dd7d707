using System.Device.I2c;
using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Max44009;

/// <summary><c>max44009</c>: the Maxim MAX44009 wide-range ambient light sensor (see README.md beside this file).</summary>
public sealed class Max44009Kind : I2cDeviceKind
{
    /// <inheritdoc />
    public override string Name => "max44009";

    /// <inheritdoc />
    public override string Part => "Maxim MAX44009 ambient light sensor, 0.045-188,000 lx";

    /// <inheritdoc />
    public override DeviceRole Role => DeviceRole.LightSensor;

    /// <inheritdoc />
    public override IReadOnlyList<PointTemplate> Points { get; } = [new("lux", "lx", "illuminance")];

    /// <inheritdoc />
    public override IReadOnlyList<int> Addresses { get; } = [SimulatedMax44009.DefaultAddress, 0x4B];

    /// <inheritdoc />
    public override IDevice Open(string id, I2cDevice bus, TimeSpan pollInterval) => new Max44009Sensor(id, bus, pollInterval);

    /// <inheritdoc />
    public override SimulatedI2cDevice Simulate(int busId, int address) => new SimulatedMax44009(busId, address);
}
