using EdgeGateway.Drivers.Core;
using EdgeGateway.Drivers.Simulation.Pca9685;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Simulation;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Lighting;

[Trait("Category", "Integration")]
public sealed class LightingServiceTests
{
    private sealed class ListRecorder : IRecorder
    {
        public List<GatewayEvent> Events { get; } = [];

        public void Record(Reading reading)
        {
        }

        public void Record(GatewayEvent gatewayEvent) => Events.Add(gatewayEvent);
    }

    private static GatewayOptions Options() => new()
    {
        GatewayId = "cab-01",
        I2cBuses = [new I2cBusOptions { BusId = 1, Devices = [new() { Id = "lux1", Kind = "bh1750", Address = 0x23 }, new() { Id = "pwm1", Kind = "pca9685", Address = 0x40 }] }],
        LampGroups = [new Runtime.Options.LampGroupOptions { Id = "street-1", LightSensor = "lux1", Outputs = [new() { Device = "pwm1", Channel = 5 }] }],
    };

    [Fact]
    public void Step_DarkForTheOnDelay_DrivesThePwmChannelThroughTheBindingAndRecordsLightOn()
    {
        var options = Options();
        var cabinet = VirtualCabinetFactory.Create(options);
        using var devices = new DeviceRegistry(options, cabinet);
        var points = new PointTable();
        var recorder = new ListRecorder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero));
        var service = new LightingService(options, devices, points, new ReadingSink(points, recorder), recorder, time, NullLogger<LightingService>.Instance);
        var pwm = (SimulatedPca9685)cabinet.Devices[(1, 0x40)];

        for (int s = 0; s <= 60; s++)
        {
            points.Update(new Reading("lux1.lux", time.GetUtcNow(), 3, Quality.Good));
            service.Step(time.GetUtcNow());
            if (s < 60)
            {
                Assert.Equal(0, pwm.DutyCycle(5));
            }

            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, pwm.DutyCycle(5));
        var on = Assert.Single(recorder.Events);
        Assert.Equal("light.on", on.Type);
        Assert.Equal("photocell", on.Data["cause"]);
        Assert.True(Assert.Single(service.Status).On);
    }

    [Fact]
    public void Step_SensorNeverRead_LampsStayAsTheyAre()
    {
        var options = Options();
        var cabinet = VirtualCabinetFactory.Create(options);
        using var devices = new DeviceRegistry(options, cabinet);
        var points = new PointTable();
        var recorder = new ListRecorder();
        var time = new FakeTimeProvider();
        var service = new LightingService(options, devices, points, new ReadingSink(points, recorder), recorder, time, NullLogger<LightingService>.Instance);

        for (int s = 0; s < 300; s++)
        {
            service.Step(time.GetUtcNow());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Empty(recorder.Events);
        Assert.Equal(0, points.Get("street-1.level")!.Value.Value);
    }
}
