namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// The data model of one simulated slave: four sparse tables (coils, discrete inputs, holding and input registers).
/// An address that was never defined answers <see cref="ModbusExceptionCode.IllegalDataAddress"/>, as a real device
/// does outside its register map. Writes to holding registers or coils that were not declared writable answer
/// <see cref="ModbusExceptionCode.IllegalDataAddress"/> too. Thread-safe: a device model updates it while a server reads.
/// Used by the in-process simulated client and by the simulated TCP / RTU-over-TCP servers alike.
/// </summary>
public sealed class ModbusRegisterBank
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ushort, bool> _coils = [];
    private readonly Dictionary<ushort, bool> _discreteInputs = [];
    private readonly Dictionary<ushort, ushort> _holding = [];
    private readonly Dictionary<ushort, ushort> _input = [];
    private readonly HashSet<ushort> _writableHolding = [];
    private readonly HashSet<ushort> _writableCoils = [];

    /// <summary>Raised after a master wrote holding registers (start, values), outside the lock.</summary>
    public event Action<ushort, ushort[]>? HoldingWritten;

    /// <summary>Raised after a master wrote coils (start, values), outside the lock.</summary>
    public event Action<ushort, bool[]>? CoilsWritten;

    /// <summary>Defines (or updates) input registers from <paramref name="start"/>.</summary>
    public void SetInput(ushort start, params ushort[] values) => Set(_input, start, values);

    /// <summary>Defines (or updates) holding registers from <paramref name="start"/>; <paramref name="writable"/> lets a master write them.</summary>
    public void SetHolding(ushort start, ushort[] values, bool writable = false)
    {
        lock (_gate)
        {
            for (int i = 0; i < values.Length; i++)
            {
                _holding[(ushort)(start + i)] = values[i];
                if (writable)
                {
                    _writableHolding.Add((ushort)(start + i));
                }
            }
        }
    }

    /// <summary>Defines (or updates) coils from <paramref name="start"/>; <paramref name="writable"/> lets a master write them.</summary>
    public void SetCoils(ushort start, bool[] values, bool writable = false)
    {
        lock (_gate)
        {
            for (int i = 0; i < values.Length; i++)
            {
                _coils[(ushort)(start + i)] = values[i];
                if (writable)
                {
                    _writableCoils.Add((ushort)(start + i));
                }
            }
        }
    }

    /// <summary>Defines (or updates) discrete inputs from <paramref name="start"/>.</summary>
    public void SetDiscreteInputs(ushort start, params bool[] values) => Set(_discreteInputs, start, values);

    /// <summary>Reads coils, or throws <see cref="ModbusSlaveException"/> with IllegalDataAddress.</summary>
    public bool[] ReadCoils(byte unitId, ushort start, ushort count) => Read(_coils, unitId, 1, start, count);

    /// <summary>Reads discrete inputs.</summary>
    public bool[] ReadDiscreteInputs(byte unitId, ushort start, ushort count) => Read(_discreteInputs, unitId, 2, start, count);

    /// <summary>Reads holding registers.</summary>
    public ushort[] ReadHolding(byte unitId, ushort start, ushort count) => Read(_holding, unitId, 3, start, count);

    /// <summary>Reads input registers.</summary>
    public ushort[] ReadInput(byte unitId, ushort start, ushort count) => Read(_input, unitId, 4, start, count);

    /// <summary>Writes holding registers as a master would (FC 6 / 16).</summary>
    public void WriteHolding(byte unitId, byte function, ushort start, IReadOnlyList<ushort> values)
    {
        lock (_gate)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (!_writableHolding.Contains((ushort)(start + i)))
                {
                    throw new ModbusSlaveException(unitId, function, ModbusExceptionCode.IllegalDataAddress);
                }
            }

            for (int i = 0; i < values.Count; i++)
            {
                _holding[(ushort)(start + i)] = values[i];
            }
        }

        HoldingWritten?.Invoke(start, [.. values]);
    }

    /// <summary>Writes coils as a master would (FC 5 / 15).</summary>
    public void WriteCoils(byte unitId, byte function, ushort start, IReadOnlyList<bool> values)
    {
        lock (_gate)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (!_writableCoils.Contains((ushort)(start + i)))
                {
                    throw new ModbusSlaveException(unitId, function, ModbusExceptionCode.IllegalDataAddress);
                }
            }

            for (int i = 0; i < values.Count; i++)
            {
                _coils[(ushort)(start + i)] = values[i];
            }
        }

        CoilsWritten?.Invoke(start, [.. values]);
    }

    private void Set<T>(Dictionary<ushort, T> table, ushort start, T[] values)
    {
        lock (_gate)
        {
            for (int i = 0; i < values.Length; i++)
            {
                table[(ushort)(start + i)] = values[i];
            }
        }
    }

    private T[] Read<T>(Dictionary<ushort, T> table, byte unitId, byte function, ushort start, ushort count)
    {
        lock (_gate)
        {
            var result = new T[count];
            for (int i = 0; i < count; i++)
            {
                if (!table.TryGetValue((ushort)(start + i), out result[i]!))
                {
                    throw new ModbusSlaveException(unitId, function, ModbusExceptionCode.IllegalDataAddress);
                }
            }

            return result;
        }
    }
}
