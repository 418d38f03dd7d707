using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Lighting.Outputs.ModbusLed;

/// <summary><c>modbus</c>: the dim-level register of a Modbus LED driver (its profile names a writable <c>dimLevel</c>).</summary>
internal sealed class ModbusLedOutputKind : LampOutputKind
{
    /// <summary>The configuration's <c>Kind</c> of this output.</summary>
    public const string KindName = "modbus";

    /// <inheritdoc />
    public override string Name => KindName;

    /// <inheritdoc />
    public override string? Error(LampOutputOptions output, LampOutputConfig config) =>
        config.DeviceRoles.GetValueOrDefault(output.Device) != LampOutputConfig.ModbusDevice ? $"Device must name a configured Modbus LED driver (was '{output.Device}')" : null;

    /// <inheritdoc />
    public override ILampOutput Open(LampOutputOptions output, LampOutputDevices devices) =>
        new ModbusLampOutput(
            (devices.Modbus?.Find(output.Device) ?? throw new InvalidOperationException($"No Modbus device '{output.Device}' for a lamp output")).Poller, output.Device);
}
