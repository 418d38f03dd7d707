using System.Device.Gpio;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Modbus;

namespace EdgeGateway.Runtime.Lighting.Outputs;

/// <summary>What a lamp output kind may open its output on.</summary>
/// <param name="Registry">The I2C devices (a PWM controller).</param>
/// <param name="Gpio">The GPIO controller, opened on first use (a relay); null where there is none.</param>
/// <param name="Modbus">The Modbus buses (an LED driver); null where there are none.</param>
internal sealed record LampOutputDevices(DeviceRegistry Registry, Func<GpioController>? Gpio, ModbusBuses? Modbus);
