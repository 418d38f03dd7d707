using EdgeGateway.Drivers.Devices;
using EdgeGateway.Drivers.Bus;
using EdgeGateway.Drivers.Devices.Pca9685;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>The configured devices, opened on their buses (real or virtual).</summary>
internal sealed class DeviceRegistry : IDisposable
{
    private readonly Dictionary<int, List<IPolledDevice>> _polled = [];
    private readonly Dictionary<string, IActuator> _actuators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, I2cDeviceKind> _kinds = new(StringComparer.Ordinal);

    /// <summary>Opens every configured device through <paramref name="buses"/>, each by its kind's descriptor.</summary>
    public DeviceRegistry(GatewayOptions options, II2cBusFactory buses)
    {
        foreach (var bus in options.I2cBuses)
        {
            var polled = new List<IPolledDevice>();
            foreach (var d in bus.Devices)
            {
                var kind = I2cDeviceKinds.Find(d.Kind) ?? throw new InvalidOperationException($"Device kind '{d.Kind}' is not known");
                _kinds[d.Id] = kind;
                switch (kind.Open(d.Id, Open(buses, bus.BusId, d.Address), d.PollInterval))
                {
                    case IPolledDevice p:
                        polled.Add(p);
                        break;
                    case IActuator a:
                        _actuators[d.Id] = a;
                        break;
                }
            }

            _polled[bus.BusId] = polled;
        }
    }

    /// <summary>The kind of the device <paramref name="id"/>, or null.</summary>
    public I2cDeviceKind? KindOf(string id) => _kinds.GetValueOrDefault(id);

    /// <summary>Polled devices per bus id.</summary>
    public IReadOnlyDictionary<int, List<IPolledDevice>> PolledByBus => _polled;

    /// <summary>Every polled device.</summary>
    public IEnumerable<IPolledDevice> Polled => _polled.Values.SelectMany(d => d);

    /// <summary>A polled device by id, or null.</summary>
    public IPolledDevice? Find(string id) => Polled.FirstOrDefault(d => d.Id == id);

    /// <summary>A PWM dimmer by device id.</summary>
    public PwmDimmer Dimmer(string id) => (PwmDimmer)_actuators[id];

    /// <summary>Actuators (not polled) with a probe that returns null when the device answers, else the error.</summary>
    public IEnumerable<(string Id, Func<string?> Probe)> Actuators =>
        _actuators.Values.Select(a => (a.Id, (Func<string?>)a.Probe));

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var d in Polled.OfType<IDisposable>())
        {
            d.Dispose();
        }

        foreach (var d in _actuators.Values.OfType<IDisposable>())
        {
            d.Dispose();
        }
    }

    private static System.Device.I2c.I2cDevice Open(II2cBusFactory buses, int busId, int address)
    {
        try
        {
            return buses.Open(busId, address);
        }
        catch (IOException)
        {
            // A device missing at boot is not fatal: a handle that fails every transfer makes its readings bad
            // and the commissioning check report it, while the rest of the cabinet runs.
            return new Drivers.Bus.AbsentI2cDevice(busId, address);
        }
    }
}
