using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Drivers.Simulation.Bh1750;
using EdgeGateway.Drivers.Simulation.Hmc5883l;
using EdgeGateway.Drivers.Simulation.Pca9685;
using EdgeGateway.Drivers.Simulation.Sht3x;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>Builds the virtual cabinet that matches a configuration: one simulated chip per configured device, one
/// simulated ultrasonic sensor per bin's distance source.</summary>
public static class VirtualCabinetFactory
{
    /// <summary>Creates the cabinet, seeded with the site and the configured devices.</summary>
    public static VirtualCabinet Create(GatewayOptions options)
    {
        var cabinet = new VirtualCabinet(options.Site.Latitude, options.Site.Longitude, options.Simulation.Seed);
        foreach (var bus in options.I2cBuses)
        {
            foreach (var device in bus.Devices)
            {
                _ = device.Kind switch
                {
                    "bh1750" => (SimulatedI2cDevice)cabinet.Add(new SimulatedBh1750(bus.BusId, device.Address)),
                    "pca9685" => cabinet.Add(new SimulatedPca9685(bus.BusId, device.Address)),
                    "hmc5883l" => cabinet.Add(new SimulatedHmc5883l(bus.BusId, device.Address)),
                    "sht3x" => cabinet.Add(new SimulatedSht3x(bus.BusId, device.Address)),
                    _ => throw new InvalidOperationException($"No simulation for device kind '{device.Kind}'"),
                };
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
