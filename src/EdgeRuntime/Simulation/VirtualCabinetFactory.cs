using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>Builds the virtual cabinet that matches a configuration: one simulated chip per configured device, one
/// simulated ultrasonic sensor per bin's distance source.</summary>
internal static class VirtualCabinetFactory
{
    /// <summary>Creates the cabinet, seeded with the site and the configured devices.</summary>
    public static VirtualCabinet Create(GatewayOptions options)
    {
        var cabinet = new VirtualCabinet(options.Site.Latitude, options.Site.Longitude, options.Simulation.Seed);
        foreach (var bus in options.I2cBuses)
        {
            foreach (var device in bus.Devices)
            {
                var kind = I2cDeviceKinds.Find(device.Kind) ?? throw new InvalidOperationException($"No simulation for device kind '{device.Kind}'");
                cabinet.Add(kind.Simulate(bus.BusId, device.Address));
            }
        }

        var modbusDevices = options.ModbusBuses.SelectMany(b => b.Devices).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var bin in options.Bins.Where(b => !modbusDevices.Contains(b.DistanceSource)))
        {
            cabinet.Open(bin.DistanceSource, bin.PingsPerCycle);
        }

        return cabinet;
    }
}
