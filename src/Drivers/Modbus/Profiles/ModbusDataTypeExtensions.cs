namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>Sizes of <see cref="ModbusDataType"/>s.</summary>
internal static class ModbusDataTypeExtensions
{
    /// <summary>How many registers (or bits, for <see cref="ModbusDataType.Bool"/>) a value of this type occupies.</summary>
    public static int Width(this ModbusDataType type) => type switch
    {
        ModbusDataType.U32 or ModbusDataType.S32 or ModbusDataType.F32 => 2,
        ModbusDataType.U64 => 4,
        _ => 1,
    };

    /// <summary>True for the integer types, whose encoded raw value is rounded.</summary>
    public static bool IsInteger(this ModbusDataType type) => type is not (ModbusDataType.F32 or ModbusDataType.Bool);
}
