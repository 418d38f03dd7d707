namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>Parity of an RS-485 line (Modbus over Serial Line §2.5.1: Even is the default, None needs 2 stop bits).</summary>
public enum SerialParity
{
    /// <summary>No parity bit.</summary>
    None,

    /// <summary>Even parity (the Modbus default).</summary>
    Even,

    /// <summary>Odd parity.</summary>
    Odd,
}
