using EdgeGateway.Runtime.Lighting.Outputs;
using EdgeGateway.Drivers.Devices;
using Microsoft.Extensions.Options;

namespace EdgeGateway.Runtime.Options;

/// <summary>Validates <see cref="GatewayOptions"/> at start; every message names the bad key.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
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
        if (!IsId(o.GatewayId))
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

        if (o.Commands.MaxAge <= TimeSpan.Zero)
        {
            yield return $"{P}:Commands:MaxAge must be positive (was {o.Commands.MaxAge})";
        }

        if (o.Commands.QueueCapacity is < 1 or > 100_000)
        {
            yield return $"{P}:Commands:QueueCapacity must be 1-100000 (was {o.Commands.QueueCapacity})";
        }

        if (o.Commands.DrainTimeout < TimeSpan.Zero || o.Commands.DrainTimeout > TimeSpan.FromMinutes(1))
        {
            yield return $"{P}:Commands:DrainTimeout must be 0-60 s (was {o.Commands.DrainTimeout})";
        }

        if (o.Mqtt.ProbeInterval <= TimeSpan.Zero)
        {
            yield return $"{P}:Mqtt:ProbeInterval must be positive (was {o.Mqtt.ProbeInterval})";
        }

        foreach (var error in Sync.Uplink.UplinkTls.Errors(o.Mqtt, $"{P}:Mqtt"))
        {
            yield return error;
        }

        if (o.Storage.MaxBytes < 1024 * 1024)
        {
            yield return $"{P}:Storage:MaxBytes must be at least 1 MiB (was {o.Storage.MaxBytes})";
        }

        if (o.Recorder.MaxBatchReadings < 1)
        {
            yield return $"{P}:Recorder:MaxBatchReadings must be at least 1 (was {o.Recorder.MaxBatchReadings})";
        }

        if (o.Recorder.CommitInterval < TimeSpan.Zero || o.Recorder.CommitInterval > TimeSpan.FromSeconds(10))
        {
            yield return $"{P}:Recorder:CommitInterval must be between 00:00:00 and 00:00:10 (was {o.Recorder.CommitInterval}): it bounds what a power cut can lose";
        }

        if (o.Simulation.TimeScale is <= 0 or > 3600)
        {
            yield return $"{P}:Simulation:TimeScale must be in (0, 3600] (was {o.Simulation.TimeScale})";
        }

        foreach (var error in DeviceErrors(o).Concat(LampGroupErrors(o)).Concat(FieldOptionsValidator.Errors(o)).Concat(WebOptionsValidator.Errors(o)).Concat(ModbusOptionsValidator.Errors(o)))
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
                if (!IsId(device.Id) || !ids.Add(device.Id))
                {
                    yield return $"{key}:Id must be a unique id of letters, digits, '-' or '_' (was '{device.Id}')";
                }

                if (!I2cDeviceOptions.Kinds.Contains(device.Kind))
                {
                    yield return $"{key}:Kind must be one of {string.Join(", ", I2cDeviceKinds.All.Select(k => k.Name))} (was '{device.Kind}')";
                }

                if (device.Address is < 0x03 or > 0x77)
                {
                    yield return $"{key}:Address must be a 7-bit address 0x03-0x77 (was {device.Address})";
                }
                else if (I2cDeviceKinds.Find(device.Kind)?.AddressError(device.Address) is { } wrongAddress)
                {
                    yield return $"{key}:Address: {wrongAddress}";
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
        var devices = o.I2cBuses.SelectMany(b => b.Devices).Select(d => (d.Id, Role: I2cDeviceKinds.Find(d.Kind)?.Role.ToString() ?? d.Kind))
            .Concat(o.ModbusBuses.SelectMany(b => b.Devices).Select(d => (d.Id, Role: LampOutputConfig.ModbusDevice)))
            .GroupBy(d => d.Id).ToDictionary(d => d.Key, d => d.First().Role);
        var outputs = new LampOutputConfig(devices, o.Cabinet.DoorPin);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int g = 0; g < o.LampGroups.Count; g++)
        {
            var group = o.LampGroups[g];
            string key = $"{P}:LampGroups:{g}";
            if (!IsId(group.Id) || !ids.Add(group.Id))
            {
                yield return $"{key}:Id must be a unique id of letters, digits, '-' or '_' (was '{group.Id}')";
            }

            bool needsSensor = group.Control.Mode != Lighting.LightingMode.Astro;
            if ((needsSensor || group.LightSensor.Length > 0) && devices.GetValueOrDefault(group.LightSensor) != nameof(DeviceRole.LightSensor))
            {
                yield return $"{key}:LightSensor must name a configured {I2cDeviceKinds.NamesOf(DeviceRole.LightSensor)} device (was '{group.LightSensor}'; only astro mode may omit it)";
            }

            // The controller's own checks name their keys relative to the group's Control section.
            foreach (var error in (group.Control with { Id = string.IsNullOrEmpty(group.Id) ? "?" : group.Id }).Validate())
            {
                yield return $"{key}:Control:{error}";
            }

            if (group.Outputs.Count == 0)
            {
                yield return $"{key}:Outputs must list at least one output";
            }

            for (int i = 0; i < group.Outputs.Count; i++)
            {
                if (OutputError(group.Outputs[i], outputs) is { } error)
                {
                    yield return $"{key}:Outputs:{i}:{error}";
                }
            }
        }
    }

    private static string? OutputError(LampOutputOptions output, LampOutputConfig config) =>
        LampOutputKinds.Find(output.Kind) is { } kind ? kind.Error(output, config)
        : $"Kind must be one of: {string.Join(", ", LampOutputKinds.All.Select(k => k.Name))} (was '{output.Kind}')";

    /// <summary>An id that can be a topic level and a point prefix: 1-64 letters, digits, '-' or '_'.</summary>
    internal static bool IsId(string id) =>
        id.Length is > 0 and <= 64 && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');
}
