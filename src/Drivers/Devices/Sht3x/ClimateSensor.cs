using System.Device.I2c;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Drivers.Devices.Sht3x;

/// <summary>
/// The cabinet's climate sensor: a Sensirion SHT3x-DIS read through the real <c>Iot.Device.Sht3x.Sht3x</c>
/// binding. Produces <c>{id}.temperature</c> (°C) and <c>{id}.humidity</c> (%RH); a NACK yields Bad readings
/// with the last good values.
/// </summary>
public sealed class ClimateSensor : IPolledDevice, IDisposable
{
    private readonly I2cDevice _bus;
    private double _temperature = double.NaN;
    private double _humidity = double.NaN;
    private Iot.Device.Sht3x.Sht3x? _sensor;

    /// <summary>Creates the sensor on its bus device.</summary>
    public ClimateSensor(string id, I2cDevice bus, TimeSpan interval)
    {
        Id = id;
        _bus = bus;
        Interval = interval;
        Points =
        [
            new PointInfo(TemperaturePoint(id), "°C", "temperature", id),
            new PointInfo($"{id}.humidity", "%", "relativeHumidity", id),
        ];
    }

    /// <inheritdoc />
    public string Id { get; }

    /// <inheritdoc />
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public IReadOnlyList<PointInfo> Points { get; }

    /// <inheritdoc />
    public DeviceHealth Health { get; } = new();

    /// <summary>The temperature point of a climate sensor with this id.</summary>
    public static string TemperaturePoint(string id) => $"{id}.temperature";

    /// <inheritdoc />
    public void Poll(DateTimeOffset now, ICollection<Reading> readings)
    {
        Quality quality;
        try
        {
            // The binding soft-resets the part in its constructor: create it lazily so a missing sensor is retried.
            _sensor ??= new Iot.Device.Sht3x.Sht3x(_bus);

            // Each property starts a single-shot measurement (datasheet 4.5). On a CRC mismatch the binding keeps
            // the previous value rather than throwing, so a noisy bus shows as a repeated value, not a wrong one.
            _temperature = Math.Round(_sensor.Temperature.DegreesCelsius, 2);
            _humidity = Math.Round(_sensor.Humidity.Percent, 2);
            Health.Success(now);
            quality = Quality.Good;
        }
        catch (IOException ex)
        {
            _sensor = null;
            Health.Failure(ex.Message, now);
            quality = Quality.Bad;
        }

        readings.Add(new Reading(Points[0].Point, now, _temperature, quality));
        readings.Add(new Reading(Points[1].Point, now, _humidity, quality));
    }

    /// <inheritdoc />
    public void Dispose() => _bus.Dispose();
}
