using EdgeGateway.Contracts;

namespace EdgeGateway.Drivers.Polling;

/// <summary>
/// One read of one device by its bus poller: every point it gave in that read (all of a magnetometer's axes, a
/// meter's registers), together, so a control loop never pairs a new x with an old y and z.
/// </summary>
/// <param name="Device">The device id.</param>
/// <param name="Timestamp">When the read finished (an I2C read's one time; a Modbus device's last answered request).</param>
/// <param name="Readings">The read's readings, each with its own point, time and quality.</param>
public sealed record DeviceSample(string Device, DateTimeOffset Timestamp, IReadOnlyList<Reading> Readings)
{
    /// <summary>The reading of <paramref name="point"/> in this sample, or null.</summary>
    public Reading? Find(string point)
    {
        foreach (var r in Readings)
        {
            if (r.Point == point)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>The device a point belongs to: points are <c>{device}.{quantity}</c> and ids have no dot.</summary>
    public static string DeviceOf(string point) => point.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? point[..dot] : point;
}
