using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Waste;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>Every point a configuration publishes (the retained <c>meta</c>), from the configuration alone: each I2C
/// device's kind descriptor, each Modbus device's profile, each control loop's own points. One place, no side effects.</summary>
internal static class GatewayPoints
{
    /// <summary>The points of <paramref name="options"/>, with Modbus profiles from <paramref name="profiles"/>.</summary>
    public static IEnumerable<PointInfo> Of(GatewayOptions options, IReadOnlyDictionary<string, DeviceProfile> profiles) =>
        options.I2cBuses.SelectMany(b => b.Devices).SelectMany(d => I2cDeviceKinds.Find(d.Kind)?.PointsOf(d.Id) ?? [])
            .Concat(options.ModbusBuses.SelectMany(b => b.Devices).Where(d => profiles.ContainsKey(d.Profile))
                .SelectMany(d => profiles[d.Profile].Points.Select(p => new PointInfo($"{d.Id}.{p.Name}", p.Unit, p.Kind, d.Id))))
            .Concat(LightingService.PointsOf(options))
            .Concat(ParkingService.PointsOf(options))
            .Concat(WasteService.PointsOf(options))
            .Concat(CabinetService.PointsOf(options));
}
