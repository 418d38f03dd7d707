using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Distance;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>
/// A bin's ultrasonic level sensor on Modbus (the generic level-sensor profile): the bus polls <c>distance</c> at the
/// profile's interval; each measurement cycle of the bin hands over every distance polled since the previous cycle,
/// a bad reading or a no-echo flag as NaN, so the bin's median and fault logic work as with any ultrasonic sensor.
/// </summary>
public sealed class ModbusDistanceSource : IDistanceSource
{
    private readonly Lock _gate = new();
    private readonly List<double> _pings = [];
    private bool _noEcho;

    /// <summary>Listens to <paramref name="deviceId"/>'s distance (and no-echo flag) on <paramref name="buses"/>.</summary>
    public ModbusDistanceSource(ModbusBuses buses, string deviceId, string distancePoint = "distance", string noEchoPoint = "noEcho")
    {
        Id = deviceId;
        buses.Listen($"{deviceId}.{noEchoPoint}", r =>
        {
            lock (_gate)
            {
                _noEcho = r.Quality != Quality.Bad && r.Value != 0;
            }
        });
        buses.Listen($"{deviceId}.{distancePoint}", r =>
        {
            lock (_gate)
            {
                _pings.Add(r.Quality == Quality.Bad || _noEcho || !double.IsFinite(r.Value) ? double.NaN : r.Value);
            }
        });
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public IReadOnlyList<double> PingCycle(DateTimeOffset now)
    {
        lock (_gate)
        {
            double[] pings = [.. _pings];
            _pings.Clear();
            return pings;
        }
    }
}
