namespace EdgeGateway.Runtime.Options;

/// <summary>Checks the Modbus buses and their devices; each message names the bad key. Profile names are checked
/// against the profile files when they are loaded (<see cref="Modbus.ModbusProfiles"/>).</summary>
internal static class ModbusOptionsValidator
{
    private const string P = GatewayOptions.Section;

    /// <summary>Every problem with the Modbus part of <paramref name="o"/>.</summary>
    public static IEnumerable<string> Errors(GatewayOptions o)
    {
        bool real = !(o.Simulation.Enabled && o.Simulation.VirtualModbus);
        var busIds = new HashSet<string>(StringComparer.Ordinal);
        var deviceIds = new HashSet<string>(o.I2cBuses.SelectMany(b => b.Devices).Select(d => d.Id), StringComparer.Ordinal);
        for (int b = 0; b < o.ModbusBuses.Count; b++)
        {
            var bus = o.ModbusBuses[b];
            string key = $"{P}:ModbusBuses:{b}";
            if (!GatewayOptionsValidator.IsId(bus.Id) || !busIds.Add(bus.Id))
            {
                yield return $"{key}:Id must be a unique id of letters, digits, '-' or '_' (was '{bus.Id}')";
            }

            if (!ModbusBusOptions.Kinds.Contains(bus.Kind))
            {
                yield return $"{key}:Kind must be one of {string.Join(", ", ModbusBusOptions.Kinds)} (was '{bus.Kind}')";
            }
            else if (bus.Kind == "rtu" && real)
            {
                if (string.IsNullOrWhiteSpace(bus.SerialPort))
                {
                    yield return $"{key}:SerialPort must name the RS-485 port, e.g. /dev/ttyAMA0";
                }
            }
            else if (bus.Kind != "rtu" && real && string.IsNullOrWhiteSpace(bus.Host))
            {
                yield return $"{key}:Host must name the Modbus TCP device or gateway";
            }

            if (bus.Kind == "rtu")
            {
                if (bus.Baud is < 300 or > 921600)
                {
                    yield return $"{key}:Baud must be 300-921600 (was {bus.Baud})";
                }

                if (bus.Parity is not ("None" or "Even" or "Odd"))
                {
                    yield return $"{key}:Parity must be None, Even or Odd (was '{bus.Parity}')";
                }

                if (bus.DataBits is not (7 or 8))
                {
                    yield return $"{key}:DataBits must be 7 or 8 (was {bus.DataBits})";
                }

                if (bus.StopBits is not (1 or 2))
                {
                    yield return $"{key}:StopBits must be 1 or 2 (was {bus.StopBits})";
                }
            }
            else if (bus.Port is < 1 or > 65535)
            {
                yield return $"{key}:Port must be 1-65535 (was {bus.Port})";
            }

            if (bus.RequestTimeout < TimeSpan.FromMilliseconds(20) || bus.RequestTimeout > TimeSpan.FromSeconds(30))
            {
                yield return $"{key}:RequestTimeout must be between 20 ms and 30 s (was {bus.RequestTimeout})";
            }

            if (bus.Retries is < 0 or > 5)
            {
                yield return $"{key}:Retries must be 0-5 (was {bus.Retries})";
            }

            if (bus.BreakDuration < TimeSpan.FromSeconds(1))
            {
                yield return $"{key}:BreakDuration must be at least 1 s (was {bus.BreakDuration})";
            }

            var units = new HashSet<int>();
            for (int d = 0; d < bus.Devices.Count; d++)
            {
                var device = bus.Devices[d];
                string dkey = $"{key}:Devices:{d}";
                if (!GatewayOptionsValidator.IsId(device.Id) || !deviceIds.Add(device.Id))
                {
                    yield return $"{dkey}:Id must be a device id unique across every bus, of letters, digits, '-' or '_' (was '{device.Id}')";
                }

                if (string.IsNullOrWhiteSpace(device.Profile))
                {
                    yield return $"{dkey}:Profile must name a device profile (a file in profiles/, e.g. eastron-sdm120)";
                }

                if (device.UnitId is < 1 or > 247 || !units.Add(device.UnitId))
                {
                    yield return $"{dkey}:UnitId must be a unit id 1-247, unique on its bus (was {device.UnitId})";
                }

                if (device.PollInterval is { } interval && interval < TimeSpan.FromMilliseconds(100))
                {
                    yield return $"{dkey}:PollInterval must be at least 100 ms (was {interval})";
                }
            }
        }
    }
}
