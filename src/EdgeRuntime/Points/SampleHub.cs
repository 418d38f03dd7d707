using System.Threading.Channels;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Runtime.Points;

/// <summary>
/// The one way a device's readings reach the control loops. A bus poller (the only code that talks to devices) hands
/// each read of a device to <see cref="Publish"/> as one <see cref="DeviceSample"/>: its readings go to the point table
/// and the recorder, and the whole sample to the channel of every loop that subscribed to that device. A loop drains
/// its channel, decides and acts; it never reads a device or polls the point table for its inputs.
/// </summary>
internal sealed class SampleHub(ReadingSink sink)
{
    // A loop that stalls keeps the newest samples, not a growing queue: the oldest is dropped.
    private const int Capacity = 1024;
    private readonly Lock _gate = new();
    // Copy on subscribe (at start-up), not on every sample: Notify reads an array that is never changed in place.
    private readonly Dictionary<string, ChannelWriter<DeviceSample>[]> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Where the readings go (point table and recorder).</summary>
    public ReadingSink Sink { get; } = sink;

    /// <summary>A channel of every sample of <paramref name="devices"/> (one reader: the subscribing loop).</summary>
    public ChannelReader<DeviceSample> Subscribe(IEnumerable<string> devices)
    {
        var channel = Channel.CreateBounded<DeviceSample>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            foreach (var device in devices.Where(d => d.Length > 0).Distinct(StringComparer.Ordinal))
            {
                _subscribers[device] = _subscribers.TryGetValue(device, out var writers) ? [.. writers, channel.Writer] : [channel.Writer];
            }
        }

        return channel.Reader;
    }

    /// <summary>Publishes a device's read: its readings as points, the sample to the loops that use the device.</summary>
    public void Publish(DeviceSample sample)
    {
        foreach (var r in sample.Readings)
        {
            Sink.Publish(r);
        }

        Notify(sample);
    }

    /// <summary>Hands a sample to the subscribed loops only: an input that is not a published point (a door contact's
    /// raw level, a bin sensor's ping burst).</summary>
    public void Notify(DeviceSample sample)
    {
        ChannelWriter<DeviceSample>[]? writers;
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(sample.Device, out writers))
            {
                return;
            }
        }

        foreach (var w in writers)
        {
            w.TryWrite(sample);
        }
    }
}
