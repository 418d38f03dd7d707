using EdgeGateway.Drivers.Modbus.Protocol;

namespace EdgeGateway.Drivers.Modbus.Transport;

/// <summary>One received frame (the whole ADU) and its classification.</summary>
internal readonly record struct ModbusExchange(byte[] Frame, ModbusResponse Response);
