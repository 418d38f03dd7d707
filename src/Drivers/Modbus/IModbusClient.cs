namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// The narrow seam between a Modbus master and everything that polls or commands slaves (DESIGN.md house style 2).
/// Function codes 1, 2, 3, 4, 5, 6, 15, 16. Every call addresses one slave (its unit id) and either
/// returns the slave's answer or throws a <see cref="ModbusException"/> subclass that says what went wrong:
/// <see cref="ModbusTimeoutException"/>, <see cref="ModbusFrameException"/> (CRC, truncated, wrong unit/function,
/// bad byte count), <see cref="ModbusSlaveException"/> (an exception response 01-0B). Never a zero for a failure.
/// Implementations serialise requests on one bus; callers may call from one loop at a time.
/// </summary>
public interface IModbusClient : IDisposable
{
    /// <summary>Read coils (FC 1).</summary>
    Task<bool[]> ReadCoilsAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default);

    /// <summary>Read discrete inputs (FC 2).</summary>
    Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default);

    /// <summary>Read holding registers (FC 3).</summary>
    Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default);

    /// <summary>Read input registers (FC 4).</summary>
    Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort start, ushort count, CancellationToken cancellationToken = default);

    /// <summary>Write single coil (FC 5).</summary>
    Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken cancellationToken = default);

    /// <summary>Write single register (FC 6).</summary>
    Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken cancellationToken = default);

    /// <summary>Write multiple coils (FC 15).</summary>
    Task WriteMultipleCoilsAsync(byte unitId, ushort start, IReadOnlyList<bool> values, CancellationToken cancellationToken = default);

    /// <summary>Write multiple registers (FC 16).</summary>
    Task WriteMultipleRegistersAsync(byte unitId, ushort start, IReadOnlyList<ushort> values, CancellationToken cancellationToken = default);
}
