namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>A value a device profile reads.</summary>
/// <param name="Name">Name inside the device; published as <c>{deviceId}.{Name}</c>.</param>
/// <param name="Table">The table it lives in.</param>
/// <param name="Address">Zero-based (PDU) address of its first register or bit.</param>
/// <param name="Format">Type, word order, scale and offset.</param>
/// <param name="Unit">Unit symbol (V, A, W, kWh, Hz, %, mm).</param>
/// <param name="Kind">What it measures (voltage, current, activePower, powerFactor, frequency, energyImport, dimLevel ...).</param>
/// <param name="PollInterval">Its own poll interval, when it differs from the device's.</param>
public sealed record ProfilePoint(
    string Name, ModbusTable Table, ushort Address, ValueFormat Format, string Unit, string Kind, TimeSpan? PollInterval = null)
{
    /// <summary>Registers (or bits) the point occupies.</summary>
    public int Width => Format.Type.Width();

    /// <summary>The address just past the point.</summary>
    public int End => Address + Width;
}
