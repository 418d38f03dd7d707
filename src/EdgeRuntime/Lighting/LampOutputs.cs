using System.Device.Gpio;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Lighting;

/// <summary>The outputs of every lamp group, opened once from the configuration.</summary>
public sealed class LampOutputs(GatewayOptions options, DeviceRegistry devices, Func<GpioController>? gpio, ModbusBuses? modbus)
{
    /// <summary>Each group's outputs, by group id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ILampOutput>> ByGroup { get; } = devices.LampOutputs(options, gpio, modbus);
}
