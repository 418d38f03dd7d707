using EdgeGateway.Drivers.Devices;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Lighting.Outputs.Pwm;

/// <summary><c>pwm</c>: a channel of a PWM controller (a <c>pca9685</c>) feeding a 0-10 V dimming line.</summary>
internal sealed class PwmOutputKind : LampOutputKind
{
    /// <summary>The configuration's <c>Kind</c> of this output.</summary>
    public const string KindName = "pwm";

    /// <inheritdoc />
    public override string Name => KindName;

    /// <inheritdoc />
    public override string? Error(LampOutputOptions output, LampOutputConfig config) =>
        config.DeviceRoles.GetValueOrDefault(output.Device) != nameof(DeviceRole.PwmController)
            ? $"Device must name a configured {I2cDeviceKinds.NamesOf(DeviceRole.PwmController)} device (was '{output.Device}')"
            : output.Channel is < 0 or > 15 ? $"Channel must be 0-15 (was {output.Channel})"
            : null;

    /// <inheritdoc />
    public override ILampOutput Open(LampOutputOptions output, LampOutputDevices devices) =>
        new PwmLampOutput(devices.Registry.Dimmer(output.Device), output.Channel);
}
