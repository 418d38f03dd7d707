using System.Device.Gpio;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Lighting.Outputs;

/// <summary>The outputs of every lamp group, each opened once through its kind (<see cref="LampOutputKinds"/>).</summary>
internal sealed class LampOutputs(GatewayOptions options, DeviceRegistry devices, Func<GpioController>? gpio = null, ModbusBuses? modbus = null)
{
    private readonly LampOutputDevices _devices = new(devices, gpio, modbus);

    /// <summary>Each group's outputs, by group id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ILampOutput>> ByGroup => field ??= options.LampGroups.ToDictionary(
        g => g.Id,
        g => (IReadOnlyList<ILampOutput>)[.. g.Outputs.Select(o =>
            (LampOutputKinds.Find(o.Kind) ?? throw new InvalidOperationException($"Output kind '{o.Kind}' is not supported")).Open(o, _devices))]);
}
