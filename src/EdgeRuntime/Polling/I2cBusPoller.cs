using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Points;
using EdgeGateway.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Polling;

/// <summary>
/// One polling loop for one I2C bus (DESIGN.md: one loop per bus, so a dead Modbus slave never delays the
/// light sensor). Each device is read at its own interval; each read goes to the <see cref="SampleHub"/> as one
/// sample (all its points, one time). A device that fails yields bad readings and is retried at its next turn.
/// </summary>
internal sealed class I2cBusPoller : PeriodicService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly int _busId;
    private readonly IReadOnlyList<IPolledDevice> _devices;
    private readonly SampleHub _hub;
    private readonly Dictionary<IPolledDevice, DateTimeOffset> _due = [];
    private readonly List<Reading> _readings = [];
    private readonly ILogger<I2cBusPoller> _logger;

    /// <inheritdoc />
    public override string LoopName => $"i2c-{_busId}";

    /// <summary>Creates the loop for a bus.</summary>
    public I2cBusPoller(int busId, IReadOnlyList<IPolledDevice> devices, SampleHub hub, TimeProvider time, ILogger<I2cBusPoller> logger)
        : base(time, Period, logger)
    {
        _busId = busId;
        _devices = devices;
        _hub = hub;
        _logger = logger;
    }

    /// <summary>The devices on this bus.</summary>
    public IReadOnlyList<IPolledDevice> Devices => _devices;

    /// <summary>Reads <paramref name="device"/> once at <paramref name="now"/> and publishes the read as one sample.</summary>
    public void Read(IPolledDevice device, DateTimeOffset now)
    {
        bool wasOk = device.Health.Ok;
        _readings.Clear();
        device.Poll(now, _readings);
        _hub.Publish(new DeviceSample(device.Id, now, [.. _readings]));
        if (wasOk && !device.Health.Ok)
        {
            Log.DeviceFailed(_logger, device.Id, _busId, device.Health.LastError ?? "no answer");
        }
    }

    /// <inheritdoc />
    protected override void Tick(DateTimeOffset now)
    {
        foreach (var device in _devices)
        {
            var due = _due.GetValueOrDefault(device, now);
            if (now < due)
            {
                continue;
            }

            Read(device, now);

            // Next turn counts from the scheduled time, not from now, so intervals do not drift.
            _due[device] = due + device.Interval <= now ? now + device.Interval : due + device.Interval;
        }
    }
}
