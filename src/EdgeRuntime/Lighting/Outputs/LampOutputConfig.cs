namespace EdgeGateway.Runtime.Lighting.Outputs;

/// <summary>What a lamp output kind's validation may look at.</summary>
/// <param name="DeviceRoles">Every configured device id with its role: an I2C device's <c>DeviceRole</c> name, <see cref="ModbusDevice"/> for a Modbus slave.</param>
/// <param name="DoorPin">The cabinet's door contact line, which no output may drive.</param>
internal sealed record LampOutputConfig(IReadOnlyDictionary<string, string> DeviceRoles, int? DoorPin)
{
    /// <summary>The role <see cref="DeviceRoles"/> gives a Modbus slave.</summary>
    public const string ModbusDevice = "modbus";
}
