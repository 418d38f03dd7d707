using EdgeGateway.Drivers.Devices.Pca9685;

namespace EdgeGateway.Runtime.Lighting.Outputs.Pwm;

/// <summary>A PCA9685 channel feeding a 0-10 V dimming line.</summary>
internal sealed class PwmLampOutput(PwmDimmer dimmer, int channel) : ILampOutput
{
    /// <inheritdoc />
    public string Name => $"{dimmer.Id}:{channel}";

    /// <inheritdoc />
    public void Apply(int level) => dimmer.SetLevel(channel, level);
}
