namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>A value a device profile lets the gateway write (a holding register or a coil).</summary>
/// <param name="Name">Name used by <c>ModbusBusPoller.WriteAsync</c>.</param>
/// <param name="Table"><see cref="ModbusTable.Holding"/> or <see cref="ModbusTable.Coil"/>.</param>
/// <param name="Address">Zero-based (PDU) address.</param>
/// <param name="Format">Type, word order, scale and offset.</param>
/// <param name="Min">Lowest engineering value accepted, if bounded.</param>
/// <param name="Max">Highest engineering value accepted, if bounded.</param>
/// <param name="Unit">Unit symbol.</param>
/// <param name="Kind">What it commands (dimLevel, relay ...).</param>
public sealed record WritablePoint(
    string Name, ModbusTable Table, ushort Address, ValueFormat Format, double? Min, double? Max, string Unit, string Kind)
{
    /// <summary>Registers (or bits) the value occupies.</summary>
    public int Width => Format.Type.Width();
}
