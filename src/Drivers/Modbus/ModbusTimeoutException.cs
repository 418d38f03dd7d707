namespace EdgeGateway.Drivers.Modbus;

/// <summary>No (complete) answer within the request timeout, after the configured retries.</summary>
internal sealed class ModbusTimeoutException(string message, Exception? inner = null) : ModbusException(message, inner);
