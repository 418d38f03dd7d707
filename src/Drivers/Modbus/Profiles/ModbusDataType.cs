namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>How a point's registers (or bit) encode its raw value.</summary>
public enum ModbusDataType
{
    /// <summary>Unsigned 16-bit, one register.</summary>
    U16,

    /// <summary>Signed 16-bit (two's complement), one register.</summary>
    S16,

    /// <summary>Unsigned 32-bit, two registers.</summary>
    U32,

    /// <summary>Signed 32-bit, two registers.</summary>
    S32,

    /// <summary>IEEE 754 single precision, two registers.</summary>
    F32,

    /// <summary>Unsigned 64-bit, four registers (energy counters).</summary>
    U64,

    /// <summary>One bit of a coil or discrete input.</summary>
    Bool,
}
