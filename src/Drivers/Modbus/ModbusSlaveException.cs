namespace EdgeGateway.Drivers.Modbus;

/// <summary>The slave answered with an exception response (function code | 0x80).</summary>
internal sealed class ModbusSlaveException(byte unitId, byte function, ModbusExceptionCode code)
    : ModbusException($"unit {unitId} answered function {function} with exception {(byte)code:X2} ({code})")
{
    /// <summary>The slave that answered.</summary>
    public byte UnitId { get; } = unitId;

    /// <summary>The function code asked (without the 0x80 bit).</summary>
    public byte Function { get; } = function;

    /// <summary>The exception code.</summary>
    public ModbusExceptionCode Code { get; } = code;
}
