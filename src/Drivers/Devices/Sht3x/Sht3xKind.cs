using System.Device.I2c;
using EdgeGateway.Drivers.Simulation;

namespace EdgeGateway.Drivers.Devices.Sht3x;

/// <summary><c>sht3x</c>: the Sensirion SHT3x-DIS cabinet climate sensor (see README.md beside this file).</summary>
public sealed class Sht3xKind : I2cDeviceKind
{
    /// <inheritdoc />
    public override string Name => "sht3x";

    /// <inheritdoc />
    public override string Part => "Sensirion SHT3x-DIS temperature and humidity sensor";

    /// <inheritdoc />
    public override DeviceRole Role => DeviceRole.ClimateSensor;

    /// <inheritdoc />
    public override IReadOnlyList<PointTemplate> Points { get; } =
        [new("temperature", "°C", "temperature"), new("humidity", "%", "relativeHumidity")];

    /// <inheritdoc />
    public override IReadOnlyList<int> Addresses { get; } = [SimulatedSht3x.DefaultAddress, 0x45];

    /// <inheritdoc />
    public override IDevice Open(string id, I2cDevice bus, TimeSpan pollInterval) => new ClimateSensor(id, bus, pollInterval);

    /// <inheritdoc />
    public override SimulatedI2cDevice Simulate(int busId, int address) => new SimulatedSht3x(busId, address);
}
