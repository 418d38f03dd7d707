using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Lighting.Outputs.Relay;

/// <summary><c>relay</c>: a contactor on a GPIO line switching a lamp circuit (fail-safe normally closed by default).</summary>
internal sealed class RelayOutputKind : LampOutputKind
{
    /// <summary>The configuration's <c>Kind</c> of this output.</summary>
    public const string KindName = "relay";

    /// <inheritdoc />
    public override string Name => KindName;

    /// <inheritdoc />
    public override string? Error(LampOutputOptions output, LampOutputConfig config) =>
        output.Pin is < 0 or > 63 ? $"Pin must be a GPIO line 0-63 (was {output.Pin})"
        : output.Pin == config.DoorPin ? $"Pin {output.Pin} is the cabinet's door contact (EdgeGateway:Cabinet:DoorPin)"
        : null;

    /// <inheritdoc />
    public override ILampOutput Open(LampOutputOptions output, LampOutputDevices devices) =>
        new RelayLampOutput((devices.Gpio ?? throw new InvalidOperationException("No GPIO controller for relay outputs"))(), output.Pin, output.NormallyClosed);
}
