using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>Opens the client for one configured Modbus bus: the real master on a cabinet, simulated slaves under
/// <c>--simulate</c>.</summary>
internal interface IModbusClientFactory
{
    /// <summary>The client for <paramref name="bus"/>; the caller owns it.</summary>
    IModbusClient Open(ModbusBusOptions bus);
}
