using System.Device.I2c;
using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Pca9685;

/// <summary><c>pca9685</c>: the NXP PCA9685 16-channel PWM controller behind the 0-10 V dimming lines (see README.md beside this file).</summary>
public sealed class Pca9685Kind : I2cDeviceKind
{
    /// <inheritdoc />
    public override string Name => "pca9685";

    /// <inheritdoc />
    public override string Part => "NXP PCA9685 16-channel PWM controller";

    /// <inheritdoc />
    public override DeviceRole Role => DeviceRole.PwmController;

    /// <inheritdoc />
    public override IReadOnlyList<PointTemplate> Points { get; } = [];

    /// <inheritdoc />
    public override IDevice Open(string id, I2cDevice bus, TimeSpan pollInterval) => new PwmDimmer(id, bus);

    /// <inheritdoc />
    public override SimulatedI2cDevice Simulate(int busId, int address) => new SimulatedPca9685(busId, address);
}
