using EdgeGateway.Runtime.Lighting.Outputs.ModbusLed;
using EdgeGateway.Drivers.Modbus.Profiles;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Modbus;

/// <summary>
/// Loads the device profiles a configuration needs: the shipped ones (<c>profiles/</c> beside the binaries), then the
/// installer's folder (<c>EdgeGateway:ModbusProfiles</c>), whose files add models or replace shipped ones of the same
/// model. Checks every reference to them: each device's profile exists, a Modbus lamp output's driver can be dimmed,
/// a bin's Modbus level sensor measures a distance.
/// </summary>
internal static class ModbusProfiles
{
    private const string P = GatewayOptions.Section;

    /// <summary>The profiles by model (case-insensitive); throws <see cref="GatewayConfigException"/> naming the bad keys.</summary>
    public static IReadOnlyDictionary<string, DeviceProfile> Load(GatewayOptions options, string? shippedFolder = null)
    {
        if (options.ModbusBuses.Count == 0)
        {
            return new Dictionary<string, DeviceProfile>();
        }

        var profiles = new Dictionary<string, DeviceProfile>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (model, profile) in DeviceProfileLoader.LoadFolder(shippedFolder ?? DeviceProfileLoader.DefaultFolder))
            {
                profiles[model] = profile;
            }

            if (!string.IsNullOrWhiteSpace(options.ModbusProfiles))
            {
                if (!Directory.Exists(options.ModbusProfiles))
                {
                    throw new GatewayConfigException([$"{P}:ModbusProfiles: folder '{options.ModbusProfiles}' does not exist"]);
                }

                foreach (var (model, profile) in DeviceProfileLoader.LoadFolder(options.ModbusProfiles))
                {
                    profiles[model] = profile;
                }
            }
        }
        catch (DeviceProfileException ex)
        {
            throw new GatewayConfigException([.. ex.Errors.Select(e => $"device profile {e}")]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GatewayConfigException([$"{P}:ModbusProfiles: {ex.Message}"]);
        }

        var errors = ReferenceErrors(options, profiles).ToList();
        return errors.Count == 0 ? profiles : throw new GatewayConfigException(errors);
    }

    private static IEnumerable<string> ReferenceErrors(GatewayOptions o, Dictionary<string, DeviceProfile> profiles)
    {
        var byDevice = new Dictionary<string, DeviceProfile>(StringComparer.Ordinal);
        for (int b = 0; b < o.ModbusBuses.Count; b++)
        {
            for (int d = 0; d < o.ModbusBuses[b].Devices.Count; d++)
            {
                var device = o.ModbusBuses[b].Devices[d];
                if (profiles.TryGetValue(device.Profile, out var profile))
                {
                    byDevice[device.Id] = profile;
                }
                else
                {
                    yield return $"{P}:ModbusBuses:{b}:Devices:{d}:Profile '{device.Profile}' is not a known profile (known: {string.Join(", ", profiles.Keys.Order(StringComparer.Ordinal))})";
                }
            }
        }

        for (int g = 0; g < o.LampGroups.Count; g++)
        {
            for (int i = 0; i < o.LampGroups[g].Outputs.Count; i++)
            {
                var output = o.LampGroups[g].Outputs[i];
                if (output.Kind == ModbusLedOutputKind.KindName && byDevice.TryGetValue(output.Device, out var profile) && profile.FindWritable(ModbusLampOutput.DimLevel) is null)
                {
                    yield return $"{P}:LampGroups:{g}:Outputs:{i}:Device '{output.Device}' ({profile.Model}) has no writable '{ModbusLampOutput.DimLevel}'";
                }
            }
        }

        for (int i = 0; i < o.Bins.Count; i++)
        {
            if (byDevice.TryGetValue(o.Bins[i].DistanceSource, out var profile) && profile.FindPoint("distance") is null)
            {
                yield return $"{P}:Bins:{i}:DistanceSource '{o.Bins[i].DistanceSource}' ({profile.Model}) has no 'distance' point";
            }
        }
    }
}
