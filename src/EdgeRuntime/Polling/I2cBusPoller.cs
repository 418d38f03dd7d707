using EdgeGateway.Drivers.Core;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Points;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Polling;

/// <summary>
/// One polling loop for one I2C bus (DESIGN.md: one loop per bus, so a dead Modbus slave never delays the
/// light sensor). Each device is read at its own interval; a device that fails yields bad readings and is
/// retried at its next turn.
/// </summary>
public sealed class I2cBusPoller : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private readonly int _busId;
    private readonly IReadOnlyList<IPolledDevice> _devices;
    private readonly ReadingSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<I2cBusPoller> _logger;

    /// <summary>Creates the loop for a bus.</summary>
    public I2cBusPoller(int busId, IReadOnlyList<IPolledDevice> devices, ReadingSink sink, TimeProvider time, ILogger<I2cBusPoller> logger)
    {
        _busId = busId;
        _devices = devices;
        _sink = sink;
        _time = time;
        _logger = logger;
    }

    /// <summary>The devices on this bus.</summary>
    public IReadOnlyList<IPolledDevice> Devices => _devices;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = _devices.ToDictionary(d => d, _ => _time.GetUtcNow());
        var readings = new List<Reading>();
        using var timer = new PeriodicTimer(Tick, _time);
        try
        {
            do
            {
                var now = _time.GetUtcNow();
                foreach (var device in _devices)
                {
                    if (now < due[device])
                    {
                        continue;
                    }

                    bool wasOk = device.Health.Ok;
                    readings.Clear();
                    device.Poll(now, readings);
                    foreach (var r in readings)
                    {
                        _sink.Publish(r);
                    }

                    if (wasOk && !device.Health.Ok)
                    {
                        Log.DeviceFailed(_logger, device.Id, _busId, device.Health.LastError ?? "no answer");
                    }

                    // Next turn counts from the scheduled time, not from now, so intervals do not drift.
                    due[device] = due[device] + device.Interval <= now ? now + device.Interval : due[device] + device.Interval;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
