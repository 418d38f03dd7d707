namespace EdgeGateway.Runtime.Options;

/// <summary>One output of a lamp group.</summary>
public sealed class LampOutputOptions
{
    /// <summary>Device id of the PWM controller.</summary>
    public string Device { get; set; } = "";

    /// <summary>Channel 0-15 of a PCA9685.</summary>
    public int Channel { get; set; }
}
