using EdgeGateway.Drivers.Distance;
using EdgeGateway.Runtime.Points;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>Opens a bin's distance source: a Modbus level sensor when the id names a Modbus device, otherwise whatever
/// the cabinet offers (the virtual cabinet's ultrasonic sensors, or none on a bare gateway).</summary>
internal sealed class ModbusDistanceSources(ModbusBuses buses, SampleHub hub, IDistanceSourceFactory other) : IDistanceSourceFactory
{
    /// <inheritdoc />
    public IDistanceSource Open(string id, int pingsPerCycle) =>
        buses.Find(id) is not null ? new ModbusDistanceSource(hub, id) : other.Open(id, pingsPerCycle);
}
