using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Waste;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Runtime.Tests.Hosting;

[Trait("Category", "Integration")]
public sealed class GatewayPointsTests
{
    [Fact]
    public void Of_VirtualCabinet_ThePointsTheOpenedDriversAndPollersPublish()
    {
        var launch = new GatewayLaunch { Simulate = true };
        var builder = new ConfigurationBuilder();
        GatewayConfiguration.AddSources(builder, launch);
        var options = GatewayConfiguration.Load(builder.Build(), launch);
        var profiles = ModbusProfiles.Load(options);
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<IRecorder>(NullRecorder.Instance)
            .AddDevices(options, profiles, TimeProvider.System, virtualCabinet: true, pollers: false)
            .BuildServiceProvider();

        // What the drivers and pollers say they publish, opened as `run` opens them, and the loops' own points.
        var opened = services.GetRequiredService<DeviceRegistry>().Polled.SelectMany(d => d.Points)
            .Concat(services.GetRequiredService<ModbusBuses>().Points)
            .Concat(LightingService.PointsOf(options)).Concat(ParkingService.PointsOf(options))
            .Concat(WasteService.PointsOf(options)).Concat(CabinetService.PointsOf(options));

        Assert.Equal(opened.OrderBy(p => p.Point, StringComparer.Ordinal), GatewayPoints.Of(options, profiles).OrderBy(p => p.Point, StringComparer.Ordinal));
        Assert.Equal(32, services.GetRequiredService<Points.PointTable>().Points.Count);
    }
}
