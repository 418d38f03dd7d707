namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>How a <see cref="ModbusTcpSlaveServer"/> frames on its sockets.</summary>
public enum ModbusTcpSlaveMode
{
    /// <summary>Modbus TCP (MBAP header).</summary>
    Mbap,

    /// <summary>RTU frames (unit, PDU, CRC) through TCP, as a transparent RS-485-to-Ethernet converter passes them.</summary>
    RtuOverTcp,
}
