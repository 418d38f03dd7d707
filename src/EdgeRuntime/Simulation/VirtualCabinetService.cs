using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>Moves the virtual cabinet's world (sky, street and RS-485 slaves) once a (virtual) second.</summary>
internal sealed class VirtualCabinetService(VirtualCabinet cabinet, StreetSimulation street, VirtualModbus modbus, TimeProvider time, ILogger<VirtualCabinetService> logger)
    : PeriodicService(time, TimeSpan.FromSeconds(1), logger)
{
    /// <inheritdoc />
    protected override void Tick(DateTimeOffset now)
    {
        cabinet.Update(now);
        street.Update(now);
        modbus.Update(now);
    }
}
