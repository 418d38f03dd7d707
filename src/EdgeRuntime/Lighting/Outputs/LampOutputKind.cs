using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Lighting.Outputs;

/// <summary>
/// The descriptor of one kind of lamp output (one folder under <c>Lighting/Outputs/</c>): what a group's
/// <c>Outputs[]:Kind</c> calls it, what it needs from the configuration, and how to open it. Validation and the
/// composition iterate <see cref="LampOutputKinds.All"/>; a DALI gateway would be a folder here (its driver talking to
/// the gateway, its kind) and one line in the list.
/// </summary>
internal abstract class LampOutputKind
{
    /// <summary>The configuration's <c>Kind</c> (<c>pwm</c>, <c>relay</c>, <c>modbus</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What is wrong with <paramref name="output"/> (relative to its key, e.g. <c>Channel must be 0-15 (was 16)</c>), or null.</summary>
    public abstract string? Error(LampOutputOptions output, LampOutputConfig config);

    /// <summary>Opens the output on the devices it drives.</summary>
    public abstract ILampOutput Open(LampOutputOptions output, LampOutputDevices devices);
}
