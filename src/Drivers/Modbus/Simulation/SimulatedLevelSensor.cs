using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// An RS-485 ultrasonic level sensor for a profile like <c>generic-ultrasonic-level</c> (points by kind:
/// <c>distance</c> in mm, <c>noEcho</c>, <c>temperature</c>). The distance comes from a function; null means no echo:
/// the flag rises and the distance register holds the sensor's no-echo code 65535.
/// </summary>
public sealed class SimulatedLevelSensor
{
    /// <summary>Distance register content when there is no echo.</summary>
    public const ushort NoEchoCode = ushort.MaxValue;

    private readonly Func<double?> _distanceMm;

    /// <summary>Creates the sensor.</summary>
    public SimulatedLevelSensor(DeviceProfile profile, Func<double?> distanceMm, double temperatureC = 20)
    {
        Slave = new ProfiledSlave(profile);
        _distanceMm = distanceMm;
        TemperatureC = temperatureC;
    }

    /// <summary>The bank to attach to a <see cref="SimulatedModbusClient"/>.</summary>
    public ModbusRegisterBank Bank => Slave.Bank;

    /// <summary>The profiled view of the bank.</summary>
    public ProfiledSlave Slave { get; }

    /// <summary>Transducer temperature, °C.</summary>
    public double TemperatureC { get; set; }

    /// <summary>Takes a measurement and refreshes the registers.</summary>
    public void Update(DateTimeOffset now)
    {
        double? distance = _distanceMm();
        foreach (var point in Slave.Profile.Points)
        {
            switch (point.Kind)
            {
                case "distance":
                    Slave.Set(point.Name, distance is { } d ? Math.Clamp(Math.Round(d), 0, NoEchoCode - 1) : NoEchoCode);
                    break;
                case "noEcho":
                    Slave.Set(point.Name, distance is null ? 1 : 0);
                    break;
                case "temperature":
                    Slave.Set(point.Name, TemperatureC);
                    break;
            }
        }
    }
}
