using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// A register bank laid out by a device profile, written and read in engineering values through the codec:
/// <c>Set("power", 123.4)</c>. Every register between a table's first and last point exists (set to 0 at power-on),
/// as on the meters whose map is one contiguous block, so merged reads over gaps are answered.
/// </summary>
public sealed class ProfiledSlave
{
    /// <summary>Lays the profile's registers out in <paramref name="bank"/> (a new bank when null).</summary>
    public ProfiledSlave(DeviceProfile profile, ModbusRegisterBank? bank = null)
    {
        Profile = profile;
        Bank = bank ?? new ModbusRegisterBank();
        foreach (var table in profile.Points.Select(p => (p.Table, p.Address, p.Width))
                     .Concat(profile.Writable.Select(w => (w.Table, w.Address, w.Width)))
                     .GroupBy(p => p.Table))
        {
            int first = table.Min(p => p.Address);
            int count = table.Max(p => p.Address + p.Width) - first;
            switch (table.Key)
            {
                case ModbusTable.Input:
                    Bank.SetInput((ushort)first, new ushort[count]);
                    break;
                case ModbusTable.Holding:
                    Bank.SetHolding((ushort)first, new ushort[count]);
                    break;
                case ModbusTable.Coil:
                    Bank.SetCoils((ushort)first, new bool[count]);
                    break;
                default:
                    Bank.SetDiscreteInputs((ushort)first, new bool[count]);
                    break;
            }
        }

        foreach (var w in profile.Writable)
        {
            if (w.Table == ModbusTable.Coil)
            {
                Bank.SetCoils(w.Address, new bool[w.Width], writable: true);
            }
            else
            {
                Bank.SetHolding(w.Address, new ushort[w.Width], writable: true);
            }
        }
    }

    /// <summary>The profile.</summary>
    public DeviceProfile Profile { get; }

    /// <summary>The bank a <see cref="SimulatedModbusClient"/> serves.</summary>
    public ModbusRegisterBank Bank { get; }

    /// <summary>Sets a point (read or writable) to an engineering value, encoded as the profile says.</summary>
    /// <exception cref="ArgumentException">The profile has no such point.</exception>
    public void Set(string name, double value)
    {
        var (table, address, format) = Locate(name);
        switch (table)
        {
            case ModbusTable.Input:
                Bank.SetInput(address, ModbusValueCodec.Encode(value, format));
                break;
            case ModbusTable.Holding:
                Bank.SetHolding(address, ModbusValueCodec.Encode(value, format));
                break;
            case ModbusTable.Coil:
                Bank.SetCoils(address, [value != 0]);
                break;
            default:
                Bank.SetDiscreteInputs(address, value != 0);
                break;
        }
    }

    /// <summary>Reads a point back as an engineering value.</summary>
    public double Get(string name)
    {
        var (table, address, format) = Locate(name);
        return table switch
        {
            ModbusTable.Input => ModbusValueCodec.Decode(Bank.ReadInput(0, address, (ushort)format.Type.Width()), format),
            ModbusTable.Holding => ModbusValueCodec.Decode(Bank.ReadHolding(0, address, (ushort)format.Type.Width()), format),
            ModbusTable.Coil => ModbusValueCodec.Decode(Bank.ReadCoils(0, address, 1)[0]),
            _ => ModbusValueCodec.Decode(Bank.ReadDiscreteInputs(0, address, 1)[0]),
        };
    }

    private (ModbusTable Table, ushort Address, ValueFormat Format) Locate(string name) =>
        Profile.FindPoint(name) is { } p ? (p.Table, p.Address, p.Format)
        : Profile.FindWritable(name) is { } w ? (w.Table, w.Address, w.Format)
        : throw new ArgumentException($"profile {Profile.Model} has no point '{name}'", nameof(name));
}
