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
