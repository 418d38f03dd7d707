using EdgeGateway.Drivers.Devices;

namespace EdgeGateway.Runtime.Options;

/// <summary>Validates <c>ParkingBays</c>, <c>Bins</c> and <c>Cabinet</c>; every message names the bad key.</summary>
internal static class FieldOptionsValidator
{
    private const string P = GatewayOptions.Section;

    /// <summary>Every problem with the field sections.</summary>
    public static IEnumerable<string> Errors(GatewayOptions o)
    {
        var roles = o.I2cBuses.SelectMany(b => b.Devices).GroupBy(d => d.Id).ToDictionary(g => g.Key, g => I2cDeviceKinds.Find(g.First().Kind)?.Role);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < o.ParkingBays.Count; i++)
        {
            var bay = o.ParkingBays[i];
            string key = $"{P}:ParkingBays:{i}";
            if (!GatewayOptionsValidator.IsId(bay.Id) || !ids.Add(bay.Id))
            {
                yield return $"{key}:Id must be a unique id of letters, digits, '-' or '_' (was '{bay.Id}')";
            }

            if (roles.GetValueOrDefault(bay.Magnetometer) != DeviceRole.Magnetometer)
            {
                yield return $"{key}:Magnetometer must name a configured {I2cDeviceKinds.NamesOf(DeviceRole.Magnetometer)} device (was '{bay.Magnetometer}')";
            }

            if (!(bay.ExitUt > 0 && bay.ExitUt < bay.EnterWeakUt))
            {
                yield return $"{key}:ExitUt must be above 0 and below EnterWeakUt (were {bay.ExitUt} and {bay.EnterWeakUt})";
            }

            if (bay.EnterWeakUt > bay.EnterStrongUt)
            {
                yield return $"{key}:EnterWeakUt must not be above EnterStrongUt (were {bay.EnterWeakUt} and {bay.EnterStrongUt})";
            }

            foreach (var (name, value) in new[] { ("EnterStrongFor", bay.EnterStrongFor), ("EnterWeakFor", bay.EnterWeakFor), ("ExitFor", bay.ExitFor), ("FaultAfter", bay.FaultAfter) })
            {
                if (value <= TimeSpan.Zero)
                {
                    yield return $"{key}:{name} must be positive (was {value})";
                }
            }
        }

        for (int i = 0; i < o.Bins.Count; i++)
        {
            var bin = o.Bins[i];
            string key = $"{P}:Bins:{i}";
            if (!GatewayOptionsValidator.IsId(bin.Id) || !ids.Add(bin.Id))
            {
                yield return $"{key}:Id must be a unique id of letters, digits, '-' or '_', not shared with a bay (was '{bin.Id}')";
            }

            if (!GatewayOptionsValidator.IsId(bin.DistanceSource))
            {
                yield return $"{key}:DistanceSource must name the bin's distance sensor (was '{bin.DistanceSource}')";
            }

            if (!(bin.FullDistanceMm > 0 && bin.FullDistanceMm < bin.EmptyDistanceMm))
            {
                yield return $"{key}:FullDistanceMm must be above 0 and below EmptyDistanceMm (were {bin.FullDistanceMm} and {bin.EmptyDistanceMm})";
            }

            if (bin.BlindZoneMm < 0 || bin.BlindZoneMm >= bin.FullDistanceMm)
            {
                yield return $"{key}:BlindZoneMm must be 0 or more and below FullDistanceMm (was {bin.BlindZoneMm})";
            }

            if (bin.FullLevelPct is <= 30 or > 100)
            {
                yield return $"{key}:FullLevelPct must be in (30, 100] (was {bin.FullLevelPct})";
            }

            if (bin.PingsPerCycle is < 1 or > 32)
            {
                yield return $"{key}:PingsPerCycle must be 1-32 (was {bin.PingsPerCycle})";
            }

            if (bin.CycleInterval < TimeSpan.FromSeconds(10))
            {
                yield return $"{key}:CycleInterval must be at least 10 s (was {bin.CycleInterval})";
            }
        }

        foreach (var error in CabinetErrors(o.Cabinet, roles))
        {
            yield return error;
        }
    }

    private static IEnumerable<string> CabinetErrors(CabinetOptions c, Dictionary<string, DeviceRole?> roles)
    {
        string key = $"{P}:Cabinet";
        if (c.DoorPin is < 0 or > 63)
        {
            yield return $"{key}:DoorPin must be a GPIO line 0-63 (was {c.DoorPin})";
        }

        if (c.DoorOpenLevel is not ("High" or "Low" or "high" or "low"))
        {
            yield return $"{key}:DoorOpenLevel must be 'High' or 'Low' (was '{c.DoorOpenLevel}')";
        }

        if (c.DoorDebounce < TimeSpan.Zero || c.DoorDebounce > TimeSpan.FromSeconds(5))
        {
            yield return $"{key}:DoorDebounce must be 0-5 s (was {c.DoorDebounce})";
        }

        if (c.ClimateSensor.Length > 0 && roles.GetValueOrDefault(c.ClimateSensor) != DeviceRole.ClimateSensor)
        {
            yield return $"{key}:ClimateSensor must name a configured {I2cDeviceKinds.NamesOf(DeviceRole.ClimateSensor)} device (was '{c.ClimateSensor}')";
        }

        if (!(c.OvertempClearC < c.OvertempOnC))
        {
            yield return $"{key}:OvertempClearC must be below OvertempOnC (were {c.OvertempClearC} and {c.OvertempOnC})";
        }

        if (c.OvertempHold < TimeSpan.Zero)
        {
            yield return $"{key}:OvertempHold must not be negative (was {c.OvertempHold})";
        }

        if (c.MaxSession <= TimeSpan.Zero)
        {
            yield return $"{key}:MaxSession must be positive (was {c.MaxSession})";
        }
    }
}
