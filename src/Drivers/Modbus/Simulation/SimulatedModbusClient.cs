namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// An in-process <see cref="IModbusClient"/>: unit ids route to <see cref="ModbusRegisterBank"/>s. An unknown or
/// dead unit behaves as on a real bus: after the request timeout (awaited on the given <see cref="TimeProvider"/>)
/// a <see cref="ModbusTimeoutException"/>. Faults can be injected per unit: dead, an exception code, a corrupt
/// answer (<see cref="ModbusFrameException"/> with <see cref="ModbusFrameError.Crc"/>). Counts requests per unit.
/// </summary>
public sealed class SimulatedModbusClient : IModbusClient
{
    private readonly Lock _gate = new();
    private readonly Dictionary<byte, ModbusRegisterBank> _banks = [];
    private readonly Dictionary<byte, int> _requests = [];
    private readonly HashSet<byte> _dead = [];
    private readonly HashSet<byte> _corrupt = [];
    private readonly Dictionary<byte, ModbusExceptionCode> _exceptions = [];
    private readonly TimeProvider _time;

    /// <summary>Creates the client.</summary>
    /// <param name="time">Clock the simulated timeouts wait on.</param>
    /// <param name="timeout">How long a dead unit takes to time out (default 1 s).</param>
    public SimulatedModbusClient(TimeProvider time, TimeSpan? timeout = null)
    {
        _time = time;
        Timeout = timeout ?? TimeSpan.FromSeconds(1);
    }

    /// <summary>The simulated request timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Attaches a slave's bank at <paramref name="unitId"/>.</summary>
    public void Add(byte unitId, ModbusRegisterBank bank)
    {
        lock (_gate)
        {
            _banks[unitId] = bank;
        }
    }

    /// <summary>Marks a unit dead (no answer) or alive again.</summary>
    public void SetDead(byte unitId, bool dead = true) => Toggle(_dead, unitId, dead);

    /// <summary>Makes a unit's answers fail their CRC (or stop doing so).</summary>
    public void SetCorrupt(byte unitId, bool corrupt = true) => Toggle(_corrupt, unitId, corrupt);

    /// <summary>Makes a unit answer every request with <paramref name="code"/>; null stops it.</summary>
    public void SetException(byte unitId, ModbusExceptionCode? code)
    {
        lock (_gate)
        {
            if (code is { } c)
            {
                _exceptions[unitId] = c;
            }
            else
            {
                _exceptions.Remove(unitId);
            }
        }
    }

    /// <summary>Requests addressed to <paramref name="unitId"/> so far.</summary>
    public int RequestCount(byte unitId)
    {
        lock (_gate)
        {
            return _requests.GetValueOrDefault(unitId);
        }
    }

    /// <inheritdoc />
    public Task<bool[]> ReadCoilsAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default) =>
        Serve(unitId, 1, b => b.ReadCoils(unitId, start, count), cancellationToken);

    /// <inheritdoc />
    public Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default) =>
        Serve(unitId, 2, b => b.ReadDiscreteInputs(unitId, start, count), cancellationToken);

    /// <inheritdoc />
    public Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default) =>
        Serve(unitId, 3, b => b.ReadHolding(unitId, start, count), cancellationToken);

    /// <inheritdoc />
    public Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default) =>
        Serve(unitId, 4, b => b.ReadInput(unitId, start, count), cancellationToken);

    /// <inheritdoc />
    public Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken = default) =>
        Serve(unitId, 5, b => Done(() => b.WriteCoils(unitId, 5, address, [value])), cancellationToken);

    /// <inheritdoc />
    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken = default) =>
        Serve(unitId, 6, b => Done(() => b.WriteHolding(unitId, 6, address, [value])), cancellationToken);

    /// <inheritdoc />
    public Task WriteMultipleCoilsAsync(byte unitId, ushort start, IReadOnlyList<bool> values, CancellationToken cancellationToken = default) =>
        Serve(unitId, 15, b => Done(() => b.WriteCoils(unitId, 15, start, values)), cancellationToken);

    /// <inheritdoc />
    public Task WriteMultipleRegistersAsync(byte unitId, ushort start, IReadOnlyList<ushort> values, CancellationToken cancellationToken = default) =>
        Serve(unitId, 16, b => Done(() => b.WriteHolding(unitId, 16, start, values)), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static bool Done(Action action)
    {
        action();
        return true;
    }

    private void Toggle(HashSet<byte> set, byte unitId, bool on)
    {
        lock (_gate)
        {
            if (on)
            {
                set.Add(unitId);
            }
            else
            {
                set.Remove(unitId);
            }
        }
    }

    private async Task<T> Serve<T>(byte unitId, byte function, Func<ModbusRegisterBank, T> handler, CancellationToken ct)
    {
        ModbusRegisterBank? bank;
        bool corrupt;
        ModbusExceptionCode? code;
        lock (_gate)
        {
            _requests[unitId] = _requests.GetValueOrDefault(unitId) + 1;
            bank = _dead.Contains(unitId) ? null : _banks.GetValueOrDefault(unitId);
            corrupt = _corrupt.Contains(unitId);
            code = _exceptions.TryGetValue(unitId, out var c) ? c : null;
        }

        if (bank is null)
        {
            await Task.Delay(Timeout, _time, ct).ConfigureAwait(false);
            throw new ModbusTimeoutException($"unit {unitId} did not answer function {function} within {Timeout.TotalMilliseconds} ms");
        }

        if (code is { } exception)
        {
            throw new ModbusSlaveException(unitId, function, exception);
        }

        if (corrupt)
        {
            throw new ModbusFrameException(ModbusFrameError.Crc, $"unit {unitId}: CRC mismatch in the answer to function {function}");
        }

        return handler(bank);
    }
}
