using System.Device.I2c;

namespace EdgeGateway.Drivers.Bus;

/// <summary>The real I2C buses of the board, through System.Device.Gpio's <c>I2cDevice.Create</c>.</summary>
public sealed class LinuxI2cBusFactory : II2cBusFactory
{
    /// <inheritdoc />
    public I2cDevice Open(int busId, int address) => I2cDevice.Create(new I2cConnectionSettings(busId, address));
}
