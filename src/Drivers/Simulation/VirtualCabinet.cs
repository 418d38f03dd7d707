using System.Device.I2c;
using EdgeGateway.Drivers.Bus;
using EdgeGateway.Drivers.Distance;
using EdgeGateway.Drivers.Simulation.Gpio;
using EdgeGateway.Drivers.Devices.Pca9685;
using EdgeGateway.Drivers.Simulation.Ultrasonic;

namespace EdgeGateway.Drivers.Simulation;

/// <summary>
/// The virtual cabinet: simulated I2C devices that the real drivers open through <see cref="II2cBusFactory"/>,
/// a simulated GPIO chip under a real <c>GpioController</c>, ultrasonic distance sources for the bins, and the
/// light model that moves the photocell (the sun over the site, clouds, noise). The street (cars, bins, door)
/// is moved by the runtime's world model through the same handles.
/// </summary>
public sealed class VirtualCabinet : II2cBusFactory, IDistanceSourceFactory
{
    private readonly Dictionary<(int Bus, int Address), SimulatedI2cDevice> _devices = [];
    private readonly Dictionary<string, SimulatedUltrasonicSensor> _distance = new(StringComparer.Ordinal);
    private readonly AmbientLightModel _light;

    /// <summary>Creates a cabinet at the given site.</summary>
    public VirtualCabinet(double latitude, double longitude, int seed = 1) =>
        _light = new AmbientLightModel(latitude, longitude, seed);

    /// <summary>Every simulated device, by bus and address.</summary>
    public IReadOnlyDictionary<(int Bus, int Address), SimulatedI2cDevice> Devices => _devices;

    /// <summary>The cabinet's GPIO chip (door contact and other inputs).</summary>
    public SimulatedGpioDriver Gpio { get; } = new();

    /// <summary>Every simulated distance source, by id.</summary>
    public IReadOnlyDictionary<string, SimulatedUltrasonicSensor> DistanceSources => _distance;

    /// <inheritdoc />
    public IDistanceSource Open(string id, int pingsPerCycle)
    {
        lock (_distance)
        {
            if (!_distance.TryGetValue(id, out var sensor))
            {
                _distance[id] = sensor = new SimulatedUltrasonicSensor(id, pingsPerCycle);
            }

            return sensor;
        }
    }

    /// <summary>The simulated device at an address, typed (null when absent or of another type).</summary>
    public T? Device<T>(int busId, int address)
        where T : class =>
        _devices.TryGetValue((busId, address), out var d) ? d as T : null;

    /// <summary>Adds a simulated device; the next <see cref="Open(int, int)"/> of its address returns it.</summary>
    public T Add<T>(T device)
        where T : SimulatedI2cDevice
    {
        _devices[(device.ConnectionSettings.BusId, device.ConnectionSettings.DeviceAddress)] = device;
        return device;
    }

    /// <inheritdoc />
    public I2cDevice Open(int busId, int address) =>
        _devices.TryGetValue((busId, address), out var device)
            ? new NonOwningI2cDevice(device)
            : throw new IOException($"No device answers at 0x{address:X2} on simulated bus {busId}");

    /// <summary>Moves the world to <paramref name="now"/>: every light sensor sees the sky.</summary>
    public void Update(DateTimeOffset now)
    {
        double lux = _light.LuxAt(now);
        foreach (var sensor in _devices.Values.OfType<ISimulatedLightSensor>())
        {
            sensor.Lux = lux;
        }
    }

    /// <summary>The lamp level (0-100) a PCA9685 channel drives, as the street would show it.</summary>
    public double LampLevel(int busId, int address, int channel) =>
        _devices.TryGetValue((busId, address), out var d) && d is SimulatedPca9685 pwm ? pwm.DutyCycle(channel) * 100 : 0;
}
