using EdgeGateway.Runtime.Lighting.Outputs.ModbusLed;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Modbus;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Simulation;

/// <summary>
/// The virtual cabinet's RS-485 side: one simulated slave per configured Modbus device, chosen by what its profile
/// measures. A meter meters the feeder of the PWM lamp groups, so its active power follows their dim level
/// (the loop closes: dim to 50 % and the meter shows half the power); an LED driver takes its dim level from the
/// gateway's writes and reports its power; a level sensor hears its bin's surface in the street's world. Any other
/// profile gets a slave whose registers exist and read zero.
/// </summary>
internal sealed class VirtualModbus : IModbusClientFactory
{
    private readonly GatewayOptions _options;
    private readonly IReadOnlyDictionary<string, DeviceProfile> _profiles;
    private readonly TimeProvider _time;
    private readonly VirtualCabinet _cabinet;
    private readonly StreetSimulation _street;
    private readonly List<Action<DateTimeOffset>> _models = [];
    private readonly Dictionary<string, SimulatedModbusClient> _clients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedLedDriver> _drivers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedEnergyMeter> _meters = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<(double NominalW, int Bus, int Address, int Channel)> _feeder = [];
    private DateTimeOffset _now;

    internal VirtualModbus(GatewayOptions options, IReadOnlyDictionary<string, DeviceProfile> profiles, VirtualCabinet cabinet, StreetSimulation street, TimeProvider time)
    {
        _options = options;
        _profiles = profiles;
        _cabinet = cabinet;
        _street = street;
        _time = time;
        _now = time.GetUtcNow();

        // The meter's feeder: every lamp group driven by a PCA9685 channel, at its nominal power.
        var chips = options.I2cBuses.SelectMany(b => b.Devices.Select(d => (b.BusId, d))).ToDictionary(x => x.d.Id, x => (x.BusId, x.d.Address));
        foreach (var group in options.LampGroups)
        {
            if (group.Outputs.FirstOrDefault(o => o.Kind == Lighting.Outputs.Pwm.PwmOutputKind.KindName) is { } output && chips.TryGetValue(output.Device, out var chip))
            {
                _feeder.Add((group.Control.NominalPowerW ?? 0, chip.BusId, chip.Address, output.Channel));
            }
        }
    }

    /// <summary>The simulated LED drivers, by device id (tests fail their lamps).</summary>
    public IReadOnlyDictionary<string, SimulatedLedDriver> Drivers => _drivers;

    /// <summary>The simulated meters, by device id.</summary>
    public IReadOnlyDictionary<string, SimulatedEnergyMeter> Meters => _meters;

    /// <summary>The simulated client of a bus, by bus id (tests kill slaves on it).</summary>
    public IReadOnlyDictionary<string, SimulatedModbusClient> Clients => _clients;

    /// <inheritdoc />
    public IModbusClient Open(ModbusBusOptions bus)
    {
        var client = new SimulatedModbusClient(_time, bus.RequestTimeout);
        foreach (var device in bus.Devices)
        {
            var profile = _profiles[device.Profile];
            var bank = Model(device.Id, profile);
            client.Add((byte)device.UnitId, bank);
        }

        _clients[bus.Id] = client;
        Update(_time.GetUtcNow());
        return client;
    }

    /// <summary>Moves every slave to <paramref name="now"/>: meters integrate, sensors measure.</summary>
    public void Update(DateTimeOffset now)
    {
        Action<DateTimeOffset>[] models;
        lock (_gate)
        {
            _now = now;
            models = [.. _models];
        }

        foreach (var model in models)
        {
            model(now);
        }
    }

    // The time of the update in progress (read from the bus's thread while the cabinet's tick writes it).
    private DateTimeOffset Now
    {
        get
        {
            lock (_gate)
            {
                return _now;
            }
        }
    }

    private ModbusRegisterBank Model(string deviceId, DeviceProfile profile)
    {
        bool Has(string kind) => profile.Points.Any(p => p.Kind == kind);
        if (profile.FindWritable(ModbusLampOutput.DimLevel) is not null)
        {
            var driver = new SimulatedLedDriver(profile, NominalWatts(deviceId), initialLevel: 100);
            _drivers[deviceId] = driver;
            return Register(driver.Update, driver.Bank);
        }

        if (Has("distance"))
        {
            var sensor = new SimulatedLevelSensor(profile, () => _street.DistanceFor(deviceId, Now));
            return Register(sensor.Update, sensor.Bank);
        }

        if (Has("activePower") && Has("voltage"))
        {
            var meter = new SimulatedEnergyMeter(profile, FeederWatts, _options.Simulation.Seed);
            _meters[deviceId] = meter;
            return Register(meter.Update, meter.Bank);
        }

        var slave = new ProfiledSlave(profile);
        return slave.Bank;
    }

    private ModbusRegisterBank Register(Action<DateTimeOffset> update, ModbusRegisterBank bank)
    {
        lock (_gate)
        {
            _models.Add(update);
        }

        return bank;
    }

    // The nominal power of the group an LED driver lights (100 W when the group does not say).
    private double NominalWatts(string deviceId) =>
        _options.LampGroups.FirstOrDefault(g => g.Outputs.Any(o => o.Kind == ModbusLedOutputKind.KindName && o.Device == deviceId))?.Control.NominalPowerW ?? 100;

    // The feeder the meter sits on: every PWM lamp group, at its commanded level.
    private double FeederWatts() => _feeder.Sum(f => f.NominalW * _cabinet.LampLevel(f.Bus, f.Address, f.Channel) / 100);
}
