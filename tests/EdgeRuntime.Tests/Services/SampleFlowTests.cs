using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Options;
using EdgeGateway.Runtime.Parking;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Sync.Recording;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Services;

/// <summary>Readings reach a loop one way: a device's read as one sample through its channel.</summary>
[Trait("Category", "Unit")]
public sealed class SampleFlowTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly PointTable _points = new();
    private readonly EventRecorder _recorder = new();
    private readonly SampleHub _hub;

    public SampleFlowTests() => _hub = new SampleHub(new ReadingSink(_points, _recorder));

    [Fact]
    public void Publish_SubscriberOfOneDevice_GetsItsSamplesWholeAndInOrderOnly()
    {
        var mag1 = _hub.Subscribe(["mag1"]);
        var now = _time.GetUtcNow();

        _hub.Publish(Sample("mag1", now, ("mag1.x", 1), ("mag1.y", 2), ("mag1.z", 3)));
        _hub.Publish(Sample("lux1", now, ("lux1.lux", 40)));
        _hub.Publish(Sample("mag1", now.AddSeconds(1), ("mag1.x", 4), ("mag1.y", 5), ("mag1.z", 6)));

        Assert.True(mag1.TryRead(out var first));
        Assert.True(mag1.TryRead(out var second));
        Assert.False(mag1.TryRead(out _));
        Assert.Equal([1.0, 2, 3], first.Readings.Select(r => r.Value));
        Assert.Equal([4.0, 5, 6], second.Readings.Select(r => r.Value));

        // Every reading is a point as well, for meta, telemetry and the page.
        Assert.Equal(40, _points.Get("lux1.lux")!.Value.Value);
        Assert.Equal(6, _points.Get("mag1.z")!.Value.Value);
    }

    [Fact]
    public void Notify_LoopInputThatIsNoPoint_ReachesTheLoopButNotThePointTable()
    {
        var door = _hub.Subscribe([CabinetService.DoorDevice]);

        _hub.Notify(Sample(CabinetService.DoorDevice, _time.GetUtcNow(), (CabinetService.DoorContactPoint, 1)));

        Assert.True(door.TryRead(out _));
        Assert.Null(_points.Get(CabinetService.DoorContactPoint));
        Assert.Empty(_points.Snapshot());
    }

    [Fact]
    public void ParkingStep_SamplesCarryingOnlyANewX_NeverCombinedWithAnOlderYAndZ()
    {
        var options = new GatewayOptions { ParkingBays = [new ParkingBayOptions { Id = "bay01", Magnetometer = "mag1" }] };
        var parking = new ParkingService(options, _hub, _recorder, _time, TestLog.For<ParkingService>());

        // 20 s of whole empty-bay samples, then 60 s in which only x arrives, at a car's strength.
        for (int s = 0; s < 80; s++)
        {
            var now = _time.GetUtcNow();
            _hub.Publish(s < 20
                ? Sample("mag1", now, ("mag1.x", 18), ("mag1.y", -9), ("mag1.z", -43))
                : Sample("mag1", now, ("mag1.x", 48)));
            parking.Step(now);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // The old table-fed loop would have paired each new x with the last y and z and seen a car.
        Assert.DoesNotContain(_recorder.Events, e => e.Type == "parking.occupied");
        Assert.False(parking.Status.Single().Occupied);
    }

    [Theory]
    [InlineData(22, Severity.Critical)] // 22:00 UTC in November: night in Timișoara by the astronomical clock
    [InlineData(12, Severity.Warning)]
    public void CabinetStep_DoorOpensWithoutSession_SeverityFromTheAstronomicalNight(int hourUtc, Severity expected)
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 11, 2, hourUtc, 0, 0, TimeSpan.Zero));
        var options = new GatewayOptions { Cabinet = new CabinetOptions { DoorPin = 17 } };
        var cabinet = new CabinetService(options, _hub, _recorder, _time, TestLog.For<CabinetService>());
        Door(cabinet, open: false, steps: 3);

        Door(cabinet, open: true, steps: 3);

        Assert.Equal(expected, Assert.Single(_recorder.Events, e => e.Type == "door.opened").Severity);
    }

    [Fact]
    public void CabinetStep_DoorContactUnreadable_TakenAsOpen()
    {
        var options = new GatewayOptions { Cabinet = new CabinetOptions { DoorPin = 17 } };
        var cabinet = new CabinetService(options, _hub, _recorder, _time, TestLog.For<CabinetService>());
        Door(cabinet, open: false, steps: 3);

        for (int i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            var now = _time.GetUtcNow();
            _hub.Notify(new DeviceSample(CabinetService.DoorDevice, now, [new Reading(CabinetService.DoorContactPoint, now, 0, Quality.Bad)]));
            cabinet.Step(now);
        }

        Assert.Single(_recorder.Events, e => e.Type == "door.opened");
    }

    private static DeviceSample Sample(string device, DateTimeOffset now, params (string Point, double Value)[] values) =>
        new(device, now, [.. values.Select(v => new Reading(v.Point, now, v.Value, Quality.Good))]);

    private void Door(CabinetService cabinet, bool open, int steps)
    {
        for (int i = 0; i < steps; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            var now = _time.GetUtcNow();
            _hub.Notify(Sample(CabinetService.DoorDevice, now, (CabinetService.DoorContactPoint, open ? 1 : 0)));
            cabinet.Step(now);
        }
    }

    private sealed class EventRecorder : IRecorder
    {
        public List<GatewayEvent> Events { get; } = [];

        public void Record(Reading reading)
        {
        }

        public void Record(GatewayEvent gatewayEvent) => Events.Add(gatewayEvent);
    }
}
