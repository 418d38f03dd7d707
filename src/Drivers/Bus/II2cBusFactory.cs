using System.Device.I2c;

namespace EdgeGateway.Drivers.Bus;

/// <summary>Opens I2C devices: <c>/dev/i2c-N</c> on the Pi, simulated devices in the virtual cabinet.</summary>
public interface II2cBusFactory
{
    /// <summary>Opens the device at <paramref name="address"/> on bus <paramref name="busId"/>.</summary>
    I2cDevice Open(int busId, int address);
}
