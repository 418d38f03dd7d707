namespace EdgeGateway.Drivers.Modbus;

/// <summary>Exception codes a slave may answer with (Modbus Application Protocol v1.1b3, section 7).</summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>01: the function code is not supported.</summary>
    IllegalFunction = 0x01,

    /// <summary>02: the address (or address + count) is not allowed.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>03: a value in the request is not allowed.</summary>
    IllegalDataValue = 0x03,

    /// <summary>04: an unrecoverable error while performing the action.</summary>
    SlaveDeviceFailure = 0x04,

    /// <summary>05: accepted, processing will take long.</summary>
    Acknowledge = 0x05,

    /// <summary>06: busy with a long command; retry later.</summary>
    SlaveDeviceBusy = 0x06,

    /// <summary>07: cannot perform the program function (rare, legacy).</summary>
    NegativeAcknowledge = 0x07,

    /// <summary>08: memory parity error in an extended file.</summary>
    MemoryParityError = 0x08,

    /// <summary>0A: the gateway has no path to the target.</summary>
    GatewayPathUnavailable = 0x0A,

    /// <summary>0B: the gateway's target did not respond.</summary>
    GatewayTargetFailedToRespond = 0x0B,
}

/// <summary>What kind of bad frame was received.</summary>
public enum ModbusFrameError
{
    /// <summary>The RTU CRC-16 did not match.</summary>
    Crc,

    /// <summary>The frame ended before its declared length.</summary>
    Truncated,

    /// <summary>The answer came from another unit id than the one asked.</summary>
    WrongUnit,

    /// <summary>The answer carries another function code than the one asked.</summary>
    WrongFunction,

    /// <summary>The byte count disagrees with the request or the frame length.</summary>
    BadByteCount,

    /// <summary>An MBAP header with a wrong protocol id or length.</summary>
    BadHeader,

    /// <summary>An echo (FC 5, 6, 15, 16) that does not repeat the request.</summary>
    BadEcho,
}

/// <summary>Base of every Modbus failure: a request that did not get a good answer.</summary>
public abstract class ModbusException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected ModbusException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>No (complete) answer within the request timeout, after the configured retries.</summary>
public sealed class ModbusTimeoutException(string message, Exception? inner = null) : ModbusException(message, inner);

/// <summary>An answer arrived but was malformed; <see cref="Error"/> says how.</summary>
public sealed class ModbusFrameException(ModbusFrameError error, string message) : ModbusException(message)
{
    /// <summary>How the frame was bad.</summary>
    public ModbusFrameError Error { get; } = error;
}

/// <summary>The slave answered with an exception response (function code | 0x80).</summary>
public sealed class ModbusSlaveException(byte unitId, byte function, ModbusExceptionCode code)
    : ModbusException($"unit {unitId} answered function {function} with exception {(byte)code:X2} ({code})")
{
    /// <summary>The slave that answered.</summary>
    public byte UnitId { get; } = unitId;

    /// <summary>The function code asked (without the 0x80 bit).</summary>
    public byte Function { get; } = function;

    /// <summary>The exception code.</summary>
    public ModbusExceptionCode Code { get; } = code;
}

/// <summary>The link itself failed (serial port gone, TCP connection refused or reset).</summary>
public sealed class ModbusTransportException(string message, Exception? inner = null) : ModbusException(message, inner);
