using System.Device.I2c;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Drivers.Devices;

/// <summary>
/// A sensor with one point read through an Iot.Device.Bindings class (a light sensor): the read loop, health and the
/// "Bad carries the last good value" rule are here; a kind supplies how to read the value and when to drop the
/// binding. The binding is created lazily by the kind (its constructor talks to the chip), so a sensor absent at
/// boot is retried on every poll instead of failing the gateway.
/// </summary>
public abstract class SingleValueSensor : IPolledDevice, IDisposable
{
    private double _last = double.NaN;

    /// <summary>Creates the sensor on its bus device; the driver never opens a bus itself.</summary>
    protected SingleValueSensor(I2cDevice bus, TimeSpan interval, PointInfo point)
    {
        Bus = bus;
        Interval = interval;
        Points = [point];
    }

    /// <inheritdoc />
    public string Id => Points[0].Device;

    /// <inheritdoc />
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public IReadOnlyList<PointInfo> Points { get; }

    /// <inheritdoc />
    public DeviceHealth Health { get; } = new();

    /// <summary>The sensor's bus device.</summary>
    protected I2cDevice Bus { get; }

    /// <inheritdoc />
    public void Poll(DateTimeOffset now, ICollection<Reading> readings)
    {
        try
        {
            _last = Read();
            Health.Success(now);
            readings.Add(new Reading(Points[0].Point, now, _last, Quality.Good));
        }
        catch (IOException ex)
        {
            Reset();
            Health.Failure(ex.Message, now);
            readings.Add(new Reading(Points[0].Point, now, _last, Quality.Bad));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads the value once through the binding (creating it if needed).</summary>
    /// <exception cref="IOException">The chip did not answer.</exception>
    protected abstract double Read();

    /// <summary>Drops the binding after a failed read, so the next poll configures the chip again.</summary>
    protected abstract void Reset();

    /// <summary>Releases the bus device.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Bus.Dispose();
        }
    }
}
