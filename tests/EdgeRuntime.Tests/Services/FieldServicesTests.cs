using System.Device.Gpio;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Gpio;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Drivers.Simulation.Gpio;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Polling;
using EdgeGateway.Runtime.Waste;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Services;

[Trait("Category", "Unit")]
public sealed class FieldServicesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly PointTable _points = new();
    private readonly ListRecorder _recorder = new();
    private readonly SampleHub _hub;

    public FieldServicesTests() => _hub = new SampleHub(new ReadingSink(_points, _recorder));

    [Fact]
    public void ParkingStep_CarFieldHeld_OccupiedEventAndPoint()
    {
        var options = new GatewayOptions { ParkingBays = [new ParkingBayOptions { Id = "bay01", Magnetometer = "mag1" }] };
        var parking = new ParkingService(options, _hub, _recorder, _time, TestLog.For<ParkingService>());

        for (int s = 0; s < 60; s++)
        {
            var now = _time.GetUtcNow();
            double extra = s >= 20 ? 30 : 0;
            Publish("mag1", now, ("mag1.x", 18 + extra), ("mag1.y", -9), ("mag1.z", -43));
            parking.Step(now);
            parking.Step(now); // a second step without a new sample feeds nothing
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Single(_recorder.Events, e => e.Type == "parking.occupied" && e.Source == "bay01");
        Assert.Equal(1.0, _points.Get("bay01.occupied")!.Value.Value);
        Assert.True(parking.Status.Single().Occupied);
    }

    [Fact]
    public void ParkingCalibrate_UnknownBay_BadRequest()
    {
        var options = new GatewayOptions { ParkingBays = [new ParkingBayOptions { Id = "bay01", Magnetometer = "mag1" }] };
        var parking = new ParkingService(options, _hub, _recorder, _time, TestLog.For<ParkingService>());

        var ex = Assert.Throws<CommandException>(() => parking.Calibrate("bay99", _time.GetUtcNow()));

        Assert.Equal("bad_request", ex.Code);
    }

    [Fact]
    public void WasteStep_FullBinTwoCycles_OneBinFullAndFillPoint()
    {
        var cabinet = new VirtualCabinet(45.75, 21.21);
        var options = new GatewayOptions { Bins = [new WasteBinOptions { Id = "bin-01", DistanceSource = "us1", CycleInterval = TimeSpan.FromMinutes(10) }] };
        var waste = new WasteService(options, _hub, _recorder, _time, TestLog.For<WasteService>());
        var sensors = new DistancePoller(options, cabinet, _hub, _time, TestLog.For<DistancePoller>());
        cabinet.DistanceSources["us1"].Echo = _ => 300; // (1100-300)/(1100-250) = 94 %

        for (int i = 0; i < 4; i++)
        {
            sensors.Poll(_time.GetUtcNow());
            waste.Step(_time.GetUtcNow());
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.Single(_recorder.Events, e => e.Type == "bin.full");
        Assert.Equal(94.1, _points.Get("bin-01.fill")!.Value.Value, 1);
        Assert.Equal(2, cabinet.DistanceSources["us1"].Cycles); // 20 minutes, one cycle every 10
    }

    [Fact]
    public void CabinetStep_DoorOpensAtNoonWithoutSession_WarningThenInfoWithSession()
    {
        var chip = new SimulatedGpioDriver();
        using var gpio = new GpioController(chip);
        chip.SetInput(17, PinValue.Low);
        using var door = new DoorContact(gpio, 17, PinValue.High, pullUp: true);
        var options = new GatewayOptions { Cabinet = new CabinetOptions { DoorPin = 17 } };
        var cabinet = new CabinetService(options, _hub, _recorder, _time, TestLog.For<CabinetService>());
        var contact = new DoorPoller(door, _hub, _time, TestLog.For<DoorPoller>());
        Tick(contact, cabinet, 3);

        chip.SetInput(17, PinValue.High);
        Tick(contact, cabinet, 3);
        chip.SetInput(17, PinValue.Low);
        Tick(contact, cabinet, 3);
        cabinet.SetSession(true, TimeSpan.FromMinutes(30), _time.GetUtcNow());
        chip.SetInput(17, PinValue.High);
        Tick(contact, cabinet, 3);

        var opened = _recorder.Events.Where(e => e.Type == "door.opened").ToList();
        Assert.Equal([Severity.Warning, Severity.Info], opened.Select(e => e.Severity));
        Assert.Single(_recorder.Events, e => e.Type == "door.closed");
    }

    private void Tick(DoorPoller contact, CabinetService cabinet, int ticks)
    {
        for (int i = 0; i < ticks; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            contact.Sample(_time.GetUtcNow());
            cabinet.Step(_time.GetUtcNow());
        }
    }

    // What the bus poller does with one read of a device: its readings together, as one sample.
    private void Publish(string device, DateTimeOffset now, params (string Point, double Value)[] values) =>
        _hub.Publish(new DeviceSample(device, now, [.. values.Select(v => new Reading(v.Point, now, v.Value, Quality.Good))]));

    private sealed class ListRecorder : IRecorder
    {
        public List<GatewayEvent> Events { get; } = [];

        public void Record(Reading reading)
        {
        }

        public void Record(GatewayEvent gatewayEvent) => Events.Add(gatewayEvent);
    }
}
