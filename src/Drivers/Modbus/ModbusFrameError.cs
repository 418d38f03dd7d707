namespace EdgeGateway.Drivers.Modbus;

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
