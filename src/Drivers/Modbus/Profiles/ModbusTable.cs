namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>The four Modbus data tables (Modbus Application Protocol v1.1b3, section 4.3).</summary>
public enum ModbusTable
{
    /// <summary>Coils: read/write bits (FC 1, 5, 15).</summary>
    Coil,

    /// <summary>Discrete inputs: read-only bits (FC 2).</summary>
    Discrete,

    /// <summary>Holding registers: read/write 16-bit words (FC 3, 6, 16).</summary>
    Holding,

    /// <summary>Input registers: read-only 16-bit words (FC 4).</summary>
    Input,
}
