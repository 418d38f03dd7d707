using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Points;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Polling;

/// <summary>One <see cref="I2cBusPoller"/> per configured bus over the registry's devices (the host runs each as a
/// loop; the replay reads one device through its bus's poller).</summary>
internal sealed class I2cBusPollers(DeviceRegistry devices, SampleHub hub, TimeProvider time, ILogger<I2cBusPoller> logger)
{
    private readonly Dictionary<int, I2cBusPoller> _pollers = devices.PolledByBus.ToDictionary(b => b.Key, b => new I2cBusPoller(b.Key, b.Value, hub, time, logger));

    /// <summary>The poller of bus <paramref name="busId"/>.</summary>
    public I2cBusPoller this[int busId] => _pollers[busId];

    /// <summary>Reads the device <paramref name="deviceId"/> once at <paramref name="now"/>, through its bus's poller.</summary>
    public void Read(string deviceId, DateTimeOffset now)
    {
        foreach (var poller in _pollers.Values)
        {
            if (poller.Devices.FirstOrDefault(d => d.Id == deviceId) is { } device)
            {
                poller.Read(device, now);
                return;
            }
        }

        throw new InvalidOperationException($"No polled I2C device '{deviceId}'");
    }
}
