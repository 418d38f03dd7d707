using System.Device.I2c;
using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Hmc5883l;

/// <summary><c>hmc5883l</c>: the Honeywell HMC5883L bay magnetometer (see README.md beside this file).</summary>
public sealed class Hmc5883lKind : I2cDeviceKind
{
    /// <inheritdoc />
    public override string Name => "hmc5883l";

    /// <inheritdoc />
    public override string Part => "Honeywell HMC5883L 3-axis magnetometer";

    /// <inheritdoc />
    public override DeviceRole Role => DeviceRole.Magnetometer;

    /// <inheritdoc />
    public override IReadOnlyList<PointTemplate> Points { get; } =
        [new("x", "µT", "magneticField"), new("y", "µT", "magneticField"), new("z", "µT", "magneticField")];

    /// <inheritdoc />
    public override IReadOnlyList<int> Addresses { get; } = [SimulatedHmc5883l.DefaultAddress];

    /// <inheritdoc />
    public override IDevice Open(string id, I2cDevice bus, TimeSpan pollInterval) => new MagnetometerSensor(id, bus, pollInterval);

    /// <inheritdoc />
    public override SimulatedI2cDevice Simulate(int busId, int address) => new SimulatedHmc5883l(busId, address);
}
