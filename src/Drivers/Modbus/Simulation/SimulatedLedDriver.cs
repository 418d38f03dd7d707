using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// An RS-485 LED driver for a profile like <c>generic-led-driver</c> (points by kind: writable <c>dimLevel</c>,
/// <c>activePower</c>, <c>status</c>, <c>lampFailure</c>). Power reads back nominal W × level; <see cref="Failed"/>
/// drops it to a standby ~0.3 W with the failure flag set, for lamp-failure tests. A master's write refreshes the
/// readback at once, as a real driver's does within its next measurement.
/// </summary>
public sealed class SimulatedLedDriver
{
    private const double StandbyWatts = 0.3;
    private readonly string _level;

    /// <summary>Creates the driver.</summary>
    /// <param name="profile">An LED driver profile with a writable point of kind <c>dimLevel</c>.</param>
    /// <param name="nominalWatts">Power at 100 %.</param>
    /// <param name="initialLevel">Power-on dim level, %.</param>
    public SimulatedLedDriver(DeviceProfile profile, double nominalWatts, double initialLevel = 100)
    {
        Slave = new ProfiledSlave(profile);
        NominalWatts = nominalWatts;
        _level = profile.Writable.FirstOrDefault(w => w.Kind == "dimLevel")?.Name
            ?? throw new ArgumentException($"profile {profile.Model} has no writable dimLevel", nameof(profile));
        Slave.Set(_level, initialLevel);
        Refresh();
        Bank.HoldingWritten += (_, _) => Refresh();
    }

    /// <summary>The bank to attach to a <see cref="SimulatedModbusClient"/>.</summary>
    public ModbusRegisterBank Bank => Slave.Bank;

    /// <summary>The profiled view of the bank.</summary>
    public ProfiledSlave Slave { get; }

    /// <summary>Power at 100 %, W.</summary>
    public double NominalWatts { get; }

    /// <summary>The lamp is broken: power falls to standby and the failure flag rises.</summary>
    public bool Failed { get; set; }

    /// <summary>The dim level the driver holds, %.</summary>
    public double Level => Slave.Get(_level);

    /// <summary>The power the driver draws now, W.</summary>
    public double Watts => Failed ? StandbyWatts : NominalWatts * Level / 100;

    /// <summary>Refreshes the readback registers.</summary>
    public void Update(DateTimeOffset now) => Refresh();

    private void Refresh()
    {
        foreach (var point in Slave.Profile.Points)
        {
            switch (point.Kind)
            {
                case "activePower":
                    Slave.Set(point.Name, Watts);
                    break;
                case "status":
                    Slave.Set(point.Name, Failed ? 1 : 0);
                    break;
                case "lampFailure":
                    Slave.Set(point.Name, Failed ? 1 : 0);
                    break;
            }
        }
    }
}
