using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Transport;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>Opens our Modbus master on a cabinet: RTU on a serial port, Modbus TCP, or RTU frames through a TCP
/// RS-485 converter. Nothing connects here: the master opens its link on the first request, so a converter that is
/// down at boot costs timeouts, not a failed start.</summary>
internal sealed class ModbusMasterFactory(TimeProvider time) : IModbusClientFactory
{
    /// <inheritdoc />
    public IModbusClient Open(ModbusBusOptions bus)
    {
        var options = new ModbusMasterOptions { RequestTimeout = bus.RequestTimeout, Retries = bus.Retries };
        return bus.Kind switch
        {
            "rtu" => ModbusMaster.CreateRtu(
                new SerialLineSettings(bus.SerialPort, bus.Baud, Enum.Parse<SerialParity>(bus.Parity), bus.DataBits, bus.StopBits), options, time),
            "tcp" => ModbusMaster.CreateTcp(bus.Host, bus.Port, options, time),
            "rtu-over-tcp" => ModbusMaster.CreateRtuOverTcp(bus.Host, bus.Port, options, time),
            _ => throw new InvalidOperationException($"Modbus bus kind '{bus.Kind}' is not supported"),
        };
    }
}
