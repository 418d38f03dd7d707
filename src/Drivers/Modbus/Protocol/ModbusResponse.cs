namespace EdgeGateway.Drivers.Modbus.Protocol;

/// <summary>
/// The classification of one received frame against its request, as returned by <see cref="ModbusResponseParser"/>.
/// <see cref="DataOffset"/> and <see cref="DataLength"/> locate a read response's data bytes in the parsed span.
/// </summary>
/// <param name="Status">Good, exception response, frame error or stale transaction.</param>
/// <param name="FrameError">The frame error when <paramref name="Status"/> is <see cref="ModbusResponseStatus.FrameError"/>.</param>
/// <param name="ExceptionCode">The slave's code when <paramref name="Status"/> is <see cref="ModbusResponseStatus.Exception"/>.</param>
/// <param name="DataOffset">Where a read response's data starts in the parsed span (0 for writes).</param>
/// <param name="DataLength">How many data bytes a read response carries (0 for writes).</param>
internal readonly record struct ModbusResponse(
    ModbusResponseStatus Status,
    ModbusFrameError FrameError,
    ModbusExceptionCode ExceptionCode,
    int DataOffset,
    int DataLength)
{
    /// <summary>A good response with data at <paramref name="offset"/>.</summary>
    public static ModbusResponse Good(int offset, int length) => new(ModbusResponseStatus.Good, default, default, offset, length);

    /// <summary>An exception response.</summary>
    public static ModbusResponse Exception(ModbusExceptionCode code) => new(ModbusResponseStatus.Exception, default, code, 0, 0);

    /// <summary>A malformed frame.</summary>
    public static ModbusResponse Bad(ModbusFrameError error) => new(ModbusResponseStatus.FrameError, error, default, 0, 0);

    /// <summary>A frame for another transaction.</summary>
    public static ModbusResponse Stale { get; } = new(ModbusResponseStatus.StaleTransaction, default, default, 0, 0);

    /// <summary>The same classification with the data offset moved by <paramref name="delta"/> (PDU inside an ADU).</summary>
    public ModbusResponse Shift(int delta) => Status == ModbusResponseStatus.Good ? this with { DataOffset = DataOffset + delta } : this;
}
