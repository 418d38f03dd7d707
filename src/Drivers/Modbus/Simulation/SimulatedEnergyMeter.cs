using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// A cabinet energy meter for any meter profile (SDM120, SDM630, EM340 ...), driven by point <c>kind</c>:
/// voltage ~230 V with a little noise, frequency ~50 Hz, active power following a load in W (so the host can tie it
/// to the lamps' dim level), current and power factor derived from it, and import energy integrating the power.
/// Points whose name ends in L1/L2/L3 get the per-phase share of a balanced load.
/// </summary>
public sealed class SimulatedEnergyMeter
{
    private readonly Func<double> _loadWatts;
    private readonly Random _random;
    private readonly Dictionary<string, double> _values = [];
    private DateTimeOffset? _last;

    /// <summary>Creates the meter with its register bank laid out by <paramref name="profile"/>.</summary>
    /// <param name="profile">A meter profile.</param>
    /// <param name="loadWatts">The total active power drawn, in W.</param>
    /// <param name="seed">Seed of the voltage noise.</param>
    public SimulatedEnergyMeter(DeviceProfile profile, Func<double> loadWatts, int seed = 1)
    {
        Slave = new ProfiledSlave(profile);
        _loadWatts = loadWatts;
        _random = new Random(seed);
        int phases = profile.Points.Count(p => p.Kind == "activePower" && PhaseOf(p.Name) > 0);
        Phases = phases == 0 ? 1 : phases;
    }

    /// <summary>The bank to attach to a <see cref="SimulatedModbusClient"/>.</summary>
    public ModbusRegisterBank Bank => Slave.Bank;

    /// <summary>The profiled view of the bank.</summary>
    public ProfiledSlave Slave { get; }

    /// <summary>Phases metered (1 or 3).</summary>
    public int Phases { get; }

    /// <summary>
    /// The metered feeder has lost its supply (a blown fuse, a dropped contactor, a grid outage): voltage, current and
    /// power read zero. The meter keeps answering, as a meter with an auxiliary supply or a three-phase meter with a
    /// phase left does; a meter powered only by the lost line would instead stop answering, which the gateway treats
    /// as a stale reading, never as a lost supply.
    /// </summary>
    public bool SupplyLost { get; set; }

    /// <summary>Energy imported so far, kWh.</summary>
    public double ImportedKWh { get; private set; }

    /// <summary>The engineering values written at the last <see cref="Update"/>, by point name.</summary>
    public IReadOnlyDictionary<string, double> Values => _values;

    /// <summary>Integrates energy since the last call and refreshes every register.</summary>
    public void Update(DateTimeOffset now)
    {
        double load = SupplyLost ? 0 : Math.Max(0, _loadWatts());
        if (_last is { } last && now > last)
        {
            ImportedKWh += load * (now - last).TotalHours / 1000;
        }

        _last = now;
        double pf = load > 0 ? 0.95 : 1.0;
        double frequency = 50 + ((_random.NextDouble() - 0.5) * 0.04);
        double phaseLoad = load / Phases;
        var volts = Enumerable.Range(0, 4).Select(_ => SupplyLost ? 0 : 230 + ((_random.NextDouble() - 0.5) * 2)).ToArray();
        foreach (var point in Slave.Profile.Points)
        {
            int phase = PhaseOf(point.Name);
            double v = volts[phase];
            double phaseCurrent = SupplyLost ? 0 : phaseLoad / (volts[0] * pf);
            double? value = point.Kind switch
            {
                "voltage" => v,
                "current" when phase > 0 => SupplyLost ? 0 : phaseLoad / (v * pf),
                "current" => phaseCurrent * Phases,
                "neutralCurrent" => 0,
                "activePower" => phase > 0 ? phaseLoad : load,
                "apparentPower" => (phase > 0 ? phaseLoad : load) / pf,
                "reactivePower" => (phase > 0 ? phaseLoad : load) * Math.Tan(Math.Acos(pf)),
                "powerFactor" => pf,
                "frequency" => frequency,
                "energyImport" => ImportedKWh,
                "energyExport" => 0,
                _ => null,
            };
            if (value is { } x)
            {
                Slave.Set(point.Name, x);
                _values[point.Name] = x;
            }
        }
    }

    private static int PhaseOf(string name) =>
        name.EndsWith("L1", StringComparison.Ordinal) ? 1 : name.EndsWith("L2", StringComparison.Ordinal) ? 2 : name.EndsWith("L3", StringComparison.Ordinal) ? 3 : 0;
}
