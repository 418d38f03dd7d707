namespace EdgeGateway.Drivers.Modbus;

/// <summary>The link itself failed (serial port gone, TCP connection refused or reset).</summary>
internal sealed class ModbusTransportException(string message, Exception? inner = null) : ModbusException(message, inner);
