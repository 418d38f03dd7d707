using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Lighting.Outputs.ModbusLed;

/// <summary><c>modbus</c>: the dim-level register of a Modbus LED driver (its profile names a writable <c>dimLevel</c>).</summary>
public sealed class ModbusLedOutputKind : LampOutputKind
{
    /// <inheritdoc />
    public override string Name => "modbus";

    /// <inheritdoc />
    public override string? Error(LampOutputOptions output, LampOutputConfig config) =>
        config.DeviceRoles.GetValueOrDefault(output.Device) != "modbus" ? $"Device must name a configured Modbus LED driver (was '{output.Device}')" : null;

    /// <inheritdoc />
    public override ILampOutput Open(LampOutputOptions output, LampOutputDevices devices) =>
        new ModbusLampOutput(
            (devices.Modbus?.Find(output.Device) ?? throw new InvalidOperationException($"No Modbus device '{output.Device}' for a lamp output")).Poller, output.Device);
}
