namespace EdgeGateway.Runtime.Options;

/// <summary>One output of a lamp group.</summary>
internal sealed class LampOutputOptions
{
    /// <summary>Output kinds: a PCA9685 PWM channel feeding a 0-10 V line, a GPIO relay, a Modbus LED driver.</summary>
    public static IReadOnlySet<string> Kinds => Lighting.Outputs.LampOutputKinds.Names;

    /// <summary>One of <see cref="Kinds"/>.</summary>
    public string Kind { get; set; } = "pwm";

    /// <summary>Device id of the PWM controller or Modbus LED driver; empty for a GPIO relay.</summary>
    public string Device { get; set; } = "";

    /// <summary>PCA9685 channel 0-15.</summary>
    public int Channel { get; set; }

    /// <summary>GPIO pin (logical numbering) of a relay.</summary>
    public int Pin { get; set; }

    /// <summary>Relay wired normally closed (DESIGN.md fail-safe): the lamps are lit while the coil is released,
    /// so the gateway energises the coil to switch them off, and a dead gateway leaves the street lit.</summary>
    public bool NormallyClosed { get; set; } = true;

    /// <summary>Point name of the Modbus LED driver's writable dim level, e.g. <c>led1.dimLevel</c>.</summary>
    public string Point { get; set; } = "";
}
