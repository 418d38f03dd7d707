namespace EdgeGateway.Runtime.Lighting.Outputs;

/// <summary>One physical output of a lamp group: a 0-10 V PWM channel, a relay, a Modbus LED driver.</summary>
internal interface ILampOutput
{
    /// <summary>What it is, for logs and the technician page (e.g. <c>pwm1:0</c>).</summary>
    string Name { get; }

    /// <summary>Drives the output to <paramref name="level"/> (0-100). Throws <see cref="IOException"/> when the device does not answer.</summary>
    void Apply(int level);
}
