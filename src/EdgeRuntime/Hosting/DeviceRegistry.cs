using EdgeGateway.Drivers.Bh1750;
using EdgeGateway.Drivers.Bus;
using EdgeGateway.Drivers.Hmc5883l;
using EdgeGateway.Drivers.Pca9685;
using EdgeGateway.Drivers.Polling;
using EdgeGateway.Drivers.Sht3x;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Hosting;

/// <summary>The configured devices, opened on their buses (real or virtual).</summary>
public sealed class DeviceRegistry : IDisposable
{
    private readonly Dictionary<int, List<IPolledDevice>> _polled = [];
    private readonly Dictionary<string, PwmDimmer> _dimmers = new(StringComparer.Ordinal);

    /// <summary>Opens every configured device through <paramref name="buses"/>.</summary>
    public DeviceRegistry(GatewayOptions options, II2cBusFactory buses)
    {
        foreach (var bus in options.I2cBuses)
        {
            var polled = new List<IPolledDevice>();
            foreach (var d in bus.Devices)
            {
                switch (d.Kind)
                {
                    case "bh1750":
                        polled.Add(new LightSensor(d.Id, Open(buses, bus.BusId, d.Address), d.PollInterval));
                        break;
                    case "hmc5883l":
                        polled.Add(new MagnetometerSensor(d.Id, Open(buses, bus.BusId, d.Address), d.PollInterval));
                        break;
                    case "sht3x":
                        polled.Add(new ClimateSensor(d.Id, Open(buses, bus.BusId, d.Address), d.PollInterval));
                        break;
                    case "pca9685":
                        _dimmers[d.Id] = new PwmDimmer(d.Id, Open(buses, bus.BusId, d.Address));
                        break;
                }
            }

            _polled[bus.BusId] = polled;
        }
    }

    /// <summary>Polled devices per bus id.</summary>
    public IReadOnlyDictionary<int, List<IPolledDevice>> PolledByBus => _polled;

    /// <summary>Every polled device.</summary>
    public IEnumerable<IPolledDevice> Polled => _polled.Values.SelectMany(d => d);

    /// <summary>A polled device by id, or null.</summary>
    public IPolledDevice? Find(string id) => Polled.FirstOrDefault(d => d.Id == id);

    /// <summary>A PWM dimmer by device id.</summary>
    public PwmDimmer Dimmer(string id) => _dimmers[id];

    /// <summary>Actuators (not polled) with a probe that returns null when the device answers, else the error.</summary>
    public IEnumerable<(string Id, Func<string?> Probe)> Actuators =>
        _dimmers.Values.Select(d => (d.Id, (Func<string?>)(() =>
        {
            try
            {
                d.GetLevel(0);
                return null;
            }
            catch (IOException ex)
            {
                return ex.Message;
            }
        })));

    /// <summary>The outputs of every lamp group, by group id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ILampOutput>> LampOutputs(GatewayOptions options, Func<System.Device.Gpio.GpioController>? gpio = null, Modbus.ModbusBuses? modbus = null) =>
        options.LampGroups.ToDictionary(
            g => g.Id,
            g => (IReadOnlyList<ILampOutput>)[.. g.Outputs.Select(o => o.Kind switch
            {
                "pwm" => (ILampOutput)new PwmLampOutput(Dimmer(o.Device), o.Channel),
                "relay" => new RelayLampOutput((gpio ?? throw new InvalidOperationException("No GPIO controller for relay outputs"))(), o.Pin, o.NormallyClosed),
                "modbus" => new Modbus.ModbusLampOutput(
                    (modbus?.Find(o.Device) ?? throw new InvalidOperationException($"No Modbus device '{o.Device}' for a lamp output")).Poller, o.Device),
                _ => throw new InvalidOperationException($"Output kind '{o.Kind}' is not supported"),
            })]);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var d in Polled.OfType<IDisposable>())
        {
            d.Dispose();
        }

        foreach (var d in _dimmers.Values)
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
