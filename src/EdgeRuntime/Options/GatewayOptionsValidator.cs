using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Runtime.Options;

/// <summary>Validates <see cref="GatewayOptions"/> at start; every message names the bad key.</summary>
public sealed partial class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    private const string P = GatewayOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions o)
    {
        var errors = Errors(o).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every problem with <paramref name="o"/>, one message per bad key.</summary>
    public static IEnumerable<string> Errors(GatewayOptions o)
    {
        if (!IdPattern().IsMatch(o.GatewayId))
        {
            yield return $"{P}:GatewayId must be 1-64 letters, digits, '-' or '_' (was '{o.GatewayId}')";
        }

        if (o.Site.Latitude is < -90 or > 90)
        {
            yield return $"{P}:Site:Latitude must be between -90 and 90 (was {o.Site.Latitude})";
        }

        if (o.Site.Longitude is < -180 or > 180)
        {
            yield return $"{P}:Site:Longitude must be between -180 and 180 (was {o.Site.Longitude})";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(o.Site.TimeZone, out _))
        {
            yield return $"{P}:Site:TimeZone '{o.Site.TimeZone}' is not a known IANA time zone";
        }

        if (o.Mqtt.Port is < 1 or > 65535)
        {
            yield return $"{P}:Mqtt:Port must be 1-65535 (was {o.Mqtt.Port})";
        }

        if (string.IsNullOrWhiteSpace(o.Mqtt.Prefix) || o.Mqtt.Prefix.IndexOfAny(['+', '#']) >= 0)
        {
            yield return $"{P}:Mqtt:Prefix must be a topic without wildcards (was '{o.Mqtt.Prefix}')";
        }

        if (o.Storage.MaxBytes < 1024 * 1024)
        {
            yield return $"{P}:Storage:MaxBytes must be at least 1 MiB (was {o.Storage.MaxBytes})";
        }

        if (o.Recorder.MaxBatchReadings < 1)
        {
            yield return $"{P}:Recorder:MaxBatchReadings must be at least 1 (was {o.Recorder.MaxBatchReadings})";
        }

        if (o.Simulation.TimeScale is <= 0 or > 3600)
        {
            yield return $"{P}:Simulation:TimeScale must be in (0, 3600] (was {o.Simulation.TimeScale})";
        }

        foreach (var error in DeviceErrors(o).Concat(LampGroupErrors(o)).Concat(FieldOptionsValidator.Errors(o)))
        {
            yield return error;
        }
    }

    private static IEnumerable<string> DeviceErrors(GatewayOptions o)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int b = 0; b < o.I2cBuses.Count; b++)
        {
            for (int d = 0; d < o.I2cBuses[b].Devices.Count; d++)
            {
                var device = o.I2cBuses[b].Devices[d];
                string key = $"{P}:I2cBuses:{b}:Devices:{d}";
                if (!IdPattern().IsMatch(device.Id) || !ids.Add(device.Id))
                {
                    yield return $"{key}:Id must be a unique id of letters, digits, '-' or '_' (was '{device.Id}')";
                }

                if (!I2cDeviceOptions.Kinds.Contains(device.Kind))
                {
                    yield return $"{key}:Kind must be one of {string.Join(", ", I2cDeviceOptions.Kinds)} (was '{device.Kind}')";
                }

                if (device.Address is < 0x03 or > 0x77)
                {
                    yield return $"{key}:Address must be a 7-bit address 0x03-0x77 (was {device.Address})";
                }

                if (device.PollInterval < TimeSpan.FromMilliseconds(100))
                {
                    yield return $"{key}:PollInterval must be at least 100 ms (was {device.PollInterval})";
                }
            }
        }
    }

    private static IEnumerable<string> LampGroupErrors(GatewayOptions o)
    {
        var devices = o.I2cBuses.SelectMany(b => b.Devices).ToDictionary(d => d.Id, d => d.Kind);
        for (int g = 0; g < o.LampGroups.Count; g++)
        {
            var group = o.LampGroups[g];
            string key = $"{P}:LampGroups:{g}";
            if (!IdPattern().IsMatch(group.Id))
            {
                yield return $"{key}:Id must be letters, digits, '-' or '_' (was '{group.Id}')";
            }

            if (devices.GetValueOrDefault(group.LightSensor) != "bh1750")
            {
                yield return $"{key}:LightSensor must name a configured bh1750 device (was '{group.LightSensor}')";
            }

            if (group.Photocell.OnLux <= 0 || group.Photocell.OffLux <= group.Photocell.OnLux)
            {
                yield return $"{key}:Photocell:OffLux must be above OnLux, both positive (were {group.Photocell.OnLux} and {group.Photocell.OffLux})";
            }

            if (group.Photocell.OnLevel is < 0 or > 100)
            {
                yield return $"{key}:Photocell:OnLevel must be 0-100 (was {group.Photocell.OnLevel})";
            }

            for (int i = 0; i < group.Outputs.Count; i++)
            {
                var output = group.Outputs[i];
                if (devices.GetValueOrDefault(output.Device) != "pca9685" || output.Channel is < 0 or > 15)
                {
                    yield return $"{key}:Outputs:{i} must name a configured pca9685 device and a channel 0-15 (was '{output.Device}' channel {output.Channel})";
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
