namespace EdgeGateway.Drivers.Modbus.Protocol;

/// <summary>How a received frame answers a request.</summary>
internal enum ModbusResponseStatus
{
    /// <summary>A normal response; the data (if any) is at <see cref="ModbusResponse.DataOffset"/>.</summary>
    Good,

    /// <summary>An exception response (function | 0x80) with <see cref="ModbusResponse.ExceptionCode"/>.</summary>
    Exception,

    /// <summary>A malformed frame; <see cref="ModbusResponse.FrameError"/> says how.</summary>
    FrameError,

    /// <summary>A well-formed MBAP frame for another transaction id: discard it and keep reading.</summary>
    StaleTransaction,
}
