using System.Threading.Channels;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Distance;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Points;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>
/// A bin's ultrasonic level sensor on Modbus (the generic level-sensor profile): the bus polls <c>distance</c> at the
/// profile's interval; each measurement cycle of the bin hands over every distance polled since the previous cycle
/// (the device's samples since then, from its channel), a bad reading or a no-echo flag as NaN, so the bin's median
/// and fault logic work as with any ultrasonic sensor.
/// </summary>
internal sealed class ModbusDistanceSource : IDistanceSource
{
    private readonly ChannelReader<DeviceSample> _samples;
    private readonly string _distance;
    private readonly string _noEcho;
    private bool _noEchoSet;

    /// <summary>Subscribes to <paramref name="deviceId"/>'s samples (distance and no-echo flag) on <paramref name="hub"/>.</summary>
    public ModbusDistanceSource(SampleHub hub, string deviceId, string distancePoint = "distance", string noEchoPoint = "noEcho")
    {
        Id = deviceId;
        _distance = $"{deviceId}.{distancePoint}";
        _noEcho = $"{deviceId}.{noEchoPoint}";
        _samples = hub.Subscribe([deviceId]);
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public IReadOnlyList<double> PingCycle(DateTimeOffset now)
    {
        var pings = new List<double>();
        while (_samples.TryRead(out var sample))
        {
            if (sample.Find(_noEcho) is { } flag)
            {
                _noEchoSet = flag.Quality != Quality.Bad && flag.Value != 0;
            }

            if (sample.Find(_distance) is { } r)
            {
                pings.Add(r.Quality == Quality.Bad || _noEchoSet || !double.IsFinite(r.Value) ? double.NaN : r.Value);
            }
        }

        return pings;
    }
}
