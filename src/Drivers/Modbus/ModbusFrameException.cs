namespace EdgeGateway.Drivers.Modbus;

/// <summary>An answer arrived but was malformed; <see cref="Error"/> says how.</summary>
internal sealed class ModbusFrameException(ModbusFrameError error, string message) : ModbusException(message)
{
    /// <summary>How the frame was bad.</summary>
    public ModbusFrameError Error { get; } = error;
}
