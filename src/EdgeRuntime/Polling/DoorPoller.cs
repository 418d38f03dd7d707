using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Gpio;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Points;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Polling;

/// <summary>
/// The GPIO side of the door contact: samples its level every 100 ms and on every edge (bounce included) and hands
/// each level to the cabinet loop as a <see cref="DeviceSample"/> of <see cref="CabinetService.DoorDevice"/>. An
/// unreadable line is a Bad sample, which the cabinet takes as "open".
/// </summary>
internal sealed class DoorPoller : PeriodicService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly DoorContact _door;
    private readonly SampleHub _hub;

    /// <summary>Creates the poller and listens to the contact's edges.</summary>
    public DoorPoller(DoorContact door, SampleHub hub, TimeProvider time, ILogger<DoorPoller> logger)
        : base(time, Period, logger)
    {
        _door = door;
        _hub = hub;
        door.Changed += open => Send(open, Quality.Good, Time.GetUtcNow());
    }

    /// <inheritdoc />
    public override string LoopName => "gpio-door";

    /// <summary>Samples the contact once at <paramref name="now"/>.</summary>
    public void Sample(DateTimeOffset now)
    {
        try
        {
            Send(_door.IsOpen, Quality.Good, now);
        }
        catch (IOException)
        {
            Send(true, Quality.Bad, now);
        }
    }

    /// <inheritdoc />
    protected override void Tick(DateTimeOffset now) => Sample(now);

    private void Send(bool open, Quality quality, DateTimeOffset now) =>
        _hub.Notify(new DeviceSample(CabinetService.DoorDevice, now, [new Reading(CabinetService.DoorContactPoint, now, open ? 1 : 0, quality)]));
}
