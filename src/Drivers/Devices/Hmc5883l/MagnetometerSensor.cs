using System.Device.I2c;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;
using Iot.Device.Hmc5883l;

namespace EdgeGateway.Drivers.Devices.Hmc5883l;

/// <summary>
/// A parking-bay magnetometer: an HMC5883L read through the real <c>Iot.Device.Hmc5883l.Hmc5883l</c> binding.
/// Produces <c>{id}.x</c>, <c>{id}.y</c>, <c>{id}.z</c> in µT. A failed read (NACK, saturated axis) yields Bad
/// readings carrying the last good value, never zero.
/// </summary>
public sealed class MagnetometerSensor : IPolledDevice, IDisposable
{
    // ±1.9 Ga range at 820 LSb/Gauss (datasheet Table 9, p.13): earth (~50 µT) plus an engine block right over
    // the sensor (~80 µT) stays in range, at 0.12 µT a count, well under the ~0.3 µT noise.
    private const Gain SensorGain = Gain.Gain0820;
    private const double LsbPerGauss = 820;

    // The part reports -4096 on an axis whose ADC over- or underflowed (datasheet p.15).
    private const float Overflow = -4096;

    private readonly I2cDevice _bus;
    private readonly double[] _last = [double.NaN, double.NaN, double.NaN];
    private Iot.Device.Hmc5883l.Hmc5883l? _sensor;

    /// <summary>Creates the sensor on its bus device; the driver never opens a bus itself.</summary>
    public MagnetometerSensor(string id, I2cDevice bus, TimeSpan interval)
    {
        Id = id;
        _bus = bus;
        Interval = interval;
        Points = [.. new[] { "x", "y", "z" }.Select(axis => new PointInfo($"{id}.{axis}", "µT", "magneticField", id))];
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public IReadOnlyList<PointInfo> Points { get; }

    /// <inheritdoc />
    public DeviceHealth Health { get; } = new();

    /// <summary>The three points (x, y, z) a magnetometer with this id publishes.</summary>
    public static (string X, string Y, string Z) PointNames(string id) => ($"{id}.x", $"{id}.y", $"{id}.z");

    /// <inheritdoc />
    public void Poll(DateTimeOffset now, ICollection<Reading> readings)
    {
        try
        {
            // Created lazily: the binding configures the chip in its constructor, so an absent sensor is retried.
            _sensor ??= new Iot.Device.Hmc5883l.Hmc5883l(_bus, SensorGain, MeasuringMode.Continuous, OutputRate.Rate15);
            var raw = _sensor.DirectionVector;
            if (raw.X == Overflow || raw.Y == Overflow || raw.Z == Overflow)
            {
                throw new IOException("HMC5883L axis out of range (-4096), field beyond ±1.9 Ga");
            }

            _last[0] = ToMicroTesla(raw.X);
            _last[1] = ToMicroTesla(raw.Y);
            _last[2] = ToMicroTesla(raw.Z);
            Health.Success(now);
            Add(readings, now, Quality.Good);
        }
        catch (IOException ex)
        {
            _sensor = null;
            Health.Failure(ex.Message, now);
            Add(readings, now, Quality.Bad);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _bus.Dispose();

    // Counts to µT: 1 Gauss = 100 µT; rounded to 0.01 µT, the traces' resolution.
    private static double ToMicroTesla(float counts) => Math.Round(counts / LsbPerGauss * 100, 2);

    private void Add(ICollection<Reading> readings, DateTimeOffset now, Quality quality)
    {
        for (int i = 0; i < 3; i++)
        {
            readings.Add(new Reading(Points[i].Point, now, _last[i], quality));
        }
    }
}
